export { ShareMenu } from './ShareMenu';
export { RunBanner } from './RunBanner';
