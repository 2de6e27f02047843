// ESLint for the two browser scripts the site ships (make lint). Run from the repository root
// with `--config tools/eslint/eslint.config.mjs`: with --config, ESLint takes the working
// directory as the base of these globs. Each script is a classic <script> (no modules, no
// build step), so the syntax each may use is the syntax the browsers we support parse as is.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    // Search is modern JavaScript (async/await, Map, template literals), held to ES2020 so
    // browsers a few years old still run it.
    files: ["plugins/workscape/assets/search/search.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, lunr: "readonly" },
    },
  },
  {
    // The people filter and the feed address copy button are progressive enhancement that
    // must not break an old browser: ES5.
    files: ["plugins/workscape/assets/workscape-people.js", "plugins/workscape/assets/workscape-copy.js"],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: "script",
      globals: globals.browser,
    },
  },
  {
    // Badge, activity and saved items: progressive enhancement on every page, ES2020 like search.
    files: ["plugins/workscape/assets/workscape-activity.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: globals.browser,
    },
  },
];
