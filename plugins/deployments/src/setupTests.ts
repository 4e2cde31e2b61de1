import '@testing-library/jest-dom';

// jsdom has no layout, so no ResizeObserver; charts only need it to exist.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= NoLayoutResizeObserver;
