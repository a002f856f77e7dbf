"""What junheng does, once, for every front end (the CLI verbs, the web pages, the collection server):
load → profile → evaluate (`evaluate`), document kind → bytes (`documents`, `publicity`), file names
(`files`), all steered by one frozen `RunOptions` (`options`). Writing files stays in generator.io.writing;
the front ends parse their options, call these and show or write what comes back."""
