# Words and frames used by every part of bulletin.

label-error = error:{" "}
label-warning = warning:{" "}
# Between `file:line:col` (or a file) and the message.
location-separator = :{" "}
# Before a message that belongs to a part of the issue: "article 2: …".
with-place = { $place }: { $message }
place-article = article { $n }
place-article-image = article { $n }, image { $k }
place-article-field = article { $n }, { $field }

internal-error = bulletin stopped on an internal error (a bug, not a mistake in your files): { $details }
    No file was left half-written. Please report this together with the issue file.

# An operating system's answer, when a file cannot be read or written.
io-not-found = No such file or directory
io-permission-denied = Permission denied
io-already-exists = File exists
io-is-a-directory = Is a directory
io-not-a-directory = Not a directory
io-read-only = Read-only file system
io-storage-full = No space left on device
io-other = { $details }
