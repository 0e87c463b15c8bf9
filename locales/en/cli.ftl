# The command line's help: one description per command, one help text per
# option or argument (cli-<command>-<option>).

cli-bulletin-about = Typesets a weekly briefing (简报) from TOML into a print-ready PDF
cli-bulletin-dir = The publication folder (default: the nearest folder upward that holds bulletin.toml)
cli-bulletin-lang = The language of messages and help: zh (Chinese) or en (English); default: BULLETIN_LANG, then [publication] lang in bulletin.toml, then the system's locale
cli-help-flag = Print help
cli-version-flag = Print version

cli-build-about = Build an issue into a PDF: `bulletin build 74` writes out/74.pdf
cli-build-issue = The issue: its number (74, read from issues/74.toml) or a file path
cli-build-all = Build every issue in issues/, in parallel
cli-build-output = Where to write the PDF (default: out/<number>.pdf in the publication folder); for PNG and SVG, pages go beside it as NAME-1.png, NAME-2.png, …
cli-build-format = What to write: a PDF, or an image of each page
cli-build-ppi = Pixels per inch of PNG pages
cli-build-font-paths = A folder with more fonts (repeatable); they are tried before the embedded ones for the families named in [fonts]
cli-build-allow-missing-glyphs = Print characters that no font has as empty boxes, with a warning, instead of failing
cli-build-pdf-standards = Make the PDF conform to a standard, e.g. a-2b for archiving, ua-1 for screen readers (repeatable: ua-1 with a-2u)
cli-build-pdf-standards-1-7 = PDF 1.7 (the default)
cli-build-pdf-standards-2-0 = PDF 2.0
cli-build-pdf-standards-a-2b = PDF/A-2b: for the archive, prints the same in years to come
cli-build-pdf-standards-a-2u = PDF/A-2u: for the archive, its text searchable and copyable as well
cli-build-pdf-standards-a-3b = PDF/A-3b: as a-2b, in the later edition of the standard
cli-build-pdf-standards-a-3u = PDF/A-3u: as a-2u, in the later edition of the standard
cli-build-pdf-standards-ua-1 = PDF/UA-1: accessible, checked for screen readers (with a-2u: an accessible archive copy)
cli-build-timings = Also print how long each stage took (fonts, reading and checking, layout, export, writing)

cli-check-about = Check issues for mistakes without building: errors, numbering, punctuation
cli-check-issues = The issues to check (numbers or files); none: every issue
cli-check-all = Check every issue in issues/ (the default when none is named)
cli-check-fix = Correct the punctuation warnings in the files, changing nothing else
cli-check-deny-warnings = Fail on warnings too
cli-check-font-paths = A folder with more fonts (repeatable), as for build

cli-new-about = Start the next issue from the latest: numbered, dated, sections ready to fill
cli-new-date = The new issue's date (default: the latest issue's date plus [publication] cadence_days)

cli-import-about = Add Word documents or text files to an issue as articles
cli-import-files = The contributions: Word documents (.docx) or text files (.txt, UTF-8 or GB18030), one article each, in this order
cli-import-into = The issue to add them to (its number or file); it must exist
cli-import-section = The section (栏目) of the imported articles
cli-import-fix = Correct the punctuation of the imported text, as check --fix does

cli-watch-about = Build an issue, then rebuild it on every save
cli-watch-issue = The issue: its number (74, read from issues/74.toml) or a file path
cli-watch-output = Where to write the PDF (default: out/<number>.pdf in the publication folder)
cli-watch-font-paths = A folder with more fonts (repeatable), as for build
cli-watch-allow-missing-glyphs = Print characters that no font has as empty boxes, as for build
cli-watch-timings = Also print how long each stage of every build took, as for build

cli-list-about = List the issues, and whether each PDF is up to date

cli-fonts-about = List the fonts, which role uses which, and what an issue needs
cli-fonts-issue = An issue (number or file): also count, for each role, the characters of the issue its fonts cannot draw
cli-fonts-font-paths = A folder with more fonts (repeatable), as for build

cli-eject-about = Write the layout and an issue's data as a Typst project to restyle
cli-eject-issue = The issue whose data goes with the layout (number or file)
cli-eject-folder = The folder to write: main.typ, issue.json, fonts/, the issue's images (and a layout of the publication's own with the files it reads)
cli-eject-force = Write into a folder that is not empty, replacing the files of the same names there
cli-eject-font-paths = A folder with more fonts (repeatable), as for build

# clap's own words, replaced in Chinese help and messages.
cli-default = default: { $value }
cli-possible = possible values: { $values }
cli-usage-heading = Usage:{" "}
cli-commands-heading = Commands:
cli-arguments-heading = Arguments:
cli-options-heading = Options:
cli-more-help = For more information, try '--help'.
cli-did-you-mean = tip: a similar one exists: { $suggestion }
cli-error-value-missing = a value is required for '{ $arg }' but none was supplied
cli-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-error-invalid-value-choose = invalid value '{ $value }' for '{ $arg }' (possible values: { $valid })
cli-error-value-validation = invalid value '{ $value }' for '{ $arg }': { $why }
cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-unknown-command = unrecognized subcommand '{ $command }'
cli-error-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-error-missing-argument = the following required arguments were not provided: { $args }
cli-error-missing-command = a command is required (bulletin --help lists them)
cli-error-value-count = wrong number of values for '{ $arg }'
cli-error-not-utf8 = an argument is not valid UTF-8
cli-error-other = { $details }
cli-unknown-language = { $variable }={ $value } is not a language bulletin speaks (zh or en): it is ignored
cli-help-about = Print this message or the help of the given subcommand(s)

cli-completions-about = Print the shell's completion script: bash, zsh, fish, powershell (or elvish)
cli-completions-shell = The shell to complete for

cli-man-about = Print the manual page (roff) of bulletin, or of one of its commands
cli-man-command = A command (build, new, volume, …): its own page instead of bulletin's

cli-init-about = Make a new publication: bulletin.toml, the first issue and .gitignore (asks for what the options do not give, on a terminal)
cli-init-folder = The folder of the new publication (default: the current folder); made if missing; it must not hold bulletin.toml
cli-init-name = The publication's name, printed as the masthead (科协每周动态)
cli-init-publisher = The publisher, printed under the masthead (北京市科协办公室)
cli-init-first = The first issue's total (总第N期; default: 1)
cli-init-number = The first issue's number within its year (第N期; default: 1)
cli-init-date = The first issue's date (default: today)
cli-init-cadence = Days between issues, for bulletin new (default: 7)
cli-init-sections = The sections (栏目) in order, separated by commas: 工作动态,基层动态; the first issue gets an example article in each
cli-init-editor = The editor (编辑) of the first issue; bulletin new carries it over
cli-init-reviewer = The reviewer (审核) of the first issue; bulletin new carries it over

cli-volume-about = Bind a year's issues into one PDF (合订本): cover, contents and section index with page numbers, every issue on a right-hand page
cli-volume-year = The year: its issues are those counted in it (their year, or their date's)
cli-volume-output = Where to write the PDF (default: out/volume-YEAR.pdf in the publication folder)
cli-volume-from = The first issue's total, to bind issues by their totals instead of their year (with --to)
cli-volume-to = The last issue's total (with --from)
cli-volume-skip-broken = Leave out an issue that cannot be laid out, with a warning (and a note on the contents page), instead of stopping
cli-volume-font-paths = A folder with more fonts (repeatable), as for build
cli-volume-allow-missing-glyphs = Print characters that no font has as empty boxes, as for build
cli-volume-pdf-standards = Make the PDF conform to a standard, e.g. a-2b for the archive (repeatable), as for build
cli-volume-pdf-standards-1-7 = PDF 1.7 (the default)
cli-volume-pdf-standards-2-0 = PDF 2.0
cli-volume-pdf-standards-a-2b = PDF/A-2b: for the archive, prints the same in years to come
cli-volume-pdf-standards-a-2u = PDF/A-2u: for the archive, its text searchable and copyable as well
cli-volume-pdf-standards-a-3b = PDF/A-3b: as a-2b, in the later edition of the standard
cli-volume-pdf-standards-a-3u = PDF/A-3u: as a-2u, in the later edition of the standard
cli-volume-pdf-standards-ua-1 = PDF/UA-1: accessible, checked for screen readers (with a-2u: an accessible archive copy)
