// Guided lessons: the header menu (and the lesson URL), and the card of the open lesson.
export { LessonMenu, writeLessonUrl } from './LessonMenu';
export { LessonCard } from './LessonCard';
