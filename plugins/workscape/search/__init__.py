"""Search: the terms (lunr.js's stemmer), the index, the engine the CLI and the site share."""
