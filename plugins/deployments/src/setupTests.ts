import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom has no layout, so no ResizeObserver; charts only need it to exist.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= NoLayoutResizeObserver;

// The first render of a whole tab takes over a second on a busy two-core CI
// machine; findBy* waits for it instead of failing at the default one second.
configure({ asyncUtilTimeout: 10_000 });
