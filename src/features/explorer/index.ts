export { ExplorerPanel } from './ExplorerPanel';
