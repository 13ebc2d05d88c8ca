export { SpaceTimeDiagram } from './SpaceTimeDiagram';
