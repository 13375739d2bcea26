/** CSS Modules (Vite): the class names of a `*.module.css`, scoped to it. */
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}
