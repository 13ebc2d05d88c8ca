export { ShareMenu } from './ShareMenu';
export { RunBanner } from './RunBanner';
export { backAction, DEFAULT_RUN_TITLE, openRun, quotedTitle, stepText, waitForFrame, type OpenOptions, type RunSnapshot } from './openRun';
export { bannerAction, bannerWithAction, getRunMeta, metaOf, setRunMeta, withRunMeta, type BannerAction, type RunMeta } from './runState';
