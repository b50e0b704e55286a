// Vite handles CSS imports: the stylesheet is bundled and linked from index.html.
declare module '*.css';
