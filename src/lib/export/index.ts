// The diagram and the trace out of the page: a self-contained SVG, Mermaid text and an HTTP archive. Pure: the
// menu that offers them (ui/export) does the downloading and the PNG drawing.
export * from './svg';
export * from './mermaid';
export * from './har';
