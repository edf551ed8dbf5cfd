// Webpack turns imported pictures into URLs of files it emits (asset/resource).
declare module '*.svg' {
  const url: string;
  export default url;
}
declare module '*.png' {
  const url: string;
  export default url;
}
