import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

// The least a React page can do before a person can type: render one labelled input.
createRoot(document.getElementById('root')!).render(
  createElement('label', null, 'Code ', createElement('input', { 'data-testid': 'blank-input' })),
);
