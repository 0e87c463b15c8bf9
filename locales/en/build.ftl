# Building: fonts, missing characters, layout, writing files.

build-missing-glyphs = { $count } character(s) cannot be printed with the available fonts: replace them, add a font that has them ([fonts] paths or --font-path), or build with --allow-missing-glyphs to print empty boxes instead
build-archive-missing-glyphs = { $count } character(s) have no glyph in any font, and a PDF/A archive may not print empty boxes: replace them or add a font that has them
build-low-resolution = { $path } prints at { $dpi } dpi ({ $width } × { $height } pixels over { $mm } mm) and will look blurred: use a larger picture (for { $min_dpi } dpi, { $needed } pixels wide) or print it smaller with `height`

glyphs-missing = no font can draw '{ $character }' ({ $code }) in { $place }{ $consequence }
glyphs-place-article = article { $n } ({ $title }), { $field }
glyphs-printed-as-box = : printed as an empty box

fonts-family-not-found = font `{ $name }` ([fonts] { $role }) was not found and is skipped (put the font file in a folder named in [fonts] paths or --font-path); the embedded { $embedded } serves the role after the families that were found
fonts-embedded-damaged = the embedded font { $file } could not be read (the binary is damaged: rebuild it)
fonts-no-folder = font folder { $path } does not exist or is not a folder: correct the path

output-wrong-kind = { $path } exists and is not { $kind }: bulletin only replaces a file of the kind it writes; choose another output file
output-kind-pdf = a PDF
output-kind-png = a PNG image
output-kind-svg = an SVG image
output-kind-text = a text file
output-exists = { $path } already exists: bulletin does not overwrite it
output-not-a-file = { $path } is not a regular file: choose another output file
output-not-a-folder = cannot write { $path }: { $file } is a file, not a folder; choose another output folder
output-folder-not-writable = cannot write { $path }: the folder { $folder } does not allow it (it is read-only or another user's); choose another output file with -o, or ask for the folder to be made writable
output-cannot-write = cannot write { $path }: { $error }

publication-not-a-publication = { $folder } holds no bulletin.toml: -C must name a publication folder
publication-none-found = no bulletin.toml in { $folder } or any folder above it: run bulletin in a publication folder, or name one with -C DIR
publication-current-folder = cannot read the current folder: { $error }
publication-no-such-issue = there is no issue { $asked } ({ $path } does not exist); { $issues }
publication-no-issues-yet = the issues folder holds no issue yet
publication-issues-are = the issues are: { $issues }

next-not-after = the new issue's date { $new } must be after the latest issue's ({ $latest }, { $file }): give a later --date
next-bad-date = { $date } is not a date like 2023-08-18
next-out-of-range = the date after { $date } plus { $days } days is out of range

world-layout-outside = the layout file must be inside the publication folder
world-no-packages = a bulletin layout cannot use packages ({ $package }): copy what you need into the publication folder
render-pdf-standards-incompatible = a PDF cannot conform to { $standards } at once: choose at most one PDF/A and one PDF/UA standard, and no PDF version they do not allow (PDF/UA-1, PDF/A-2 and PDF/A-3 are PDF 1.7)
render-png-failed = the PNG image could not be encoded ({ $error })

watch-events-failed = watching files failed: { $error }
watch-cannot-start = cannot watch files: { $error }
watch-folder-polled = cannot watch { $folder } ({ $error }): its files are looked at every { $seconds } s instead{ $hint }
watch-limit-hint = {" "}(the system's limit of watched folders is reached: close other programs that watch files, or raise fs.inotify.max_user_watches)
world-not-a-regular-file = { $path } is not a regular file (a pipe or a device): a layout can only read files
world-file-too-large = { $path } is { $mb } MB: a layout reads files of at most { $max } MB
