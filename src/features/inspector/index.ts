// The inspector (selected node or message, with its actions) and the refused-command notice.
export { Inspector } from './Inspector';
export { Notice } from './Notice';
