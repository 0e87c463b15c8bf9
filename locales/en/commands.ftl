# What the commands print: progress lines, summaries, and their own errors.

cmd-timings = time: { $stages }; total { $total }
cmd-stage-fonts = fonts
cmd-stage-check = read and check
cmd-stage-layout = layout
cmd-stage-pdf = PDF
cmd-stage-png = PNG pages
cmd-stage-svg = SVG pages
cmd-stage-write = write
cmd-cannot-read = cannot read { $path }
cmd-cannot-write = cannot write { $path }
cmd-cannot-create = cannot create { $path }

cmd-build-ppi = give a number of pixels per inch from 1 to 1200, e.g. 144
cmd-build-nothing = nothing
cmd-build-written = { $files } ({ $pages } { $pages ->
        [one] page
       *[other] pages
    }, { $mb } MB)
cmd-build-wrote-in = wrote { $written } in { $seconds } s
cmd-build-wrote = wrote { $written }
cmd-build-failed = failed { $file }
cmd-build-no-issues = there are no issues to build: issues/ holds no <total>.toml file
cmd-build-progress = {"{"}bar:30{"}"} {"{"}pos{"}"}/{"{"}len{"}"} issues {"{"}msg{"}"}
cmd-build-twin = { $file } and { $other } are both issue { $total }: keep one of them
cmd-build-internal-error = { $file }: bulletin stopped on an internal error (see above)
cmd-build-summary = built { $built } of { $count } issues in { $seconds } s
cmd-build-summary-failed = { $summary }; { $count } failed: { $files }

cmd-watch-stopped = stopped watching
cmd-watch-no-ctrl-c = cannot catch Ctrl-C
cmd-watch-watching = watching { $file }: every save rebuilds it; Ctrl-C ends
cmd-watch-unchanged = { $file } is unchanged
cmd-watch-no-pdf-yet = no PDF written yet
cmd-watch-not-built = not built: { $kept }; watching for the next save

cmd-eject-cannot-read-layout = cannot read the layout { $path }
cmd-eject-is-a-file = { $path } is a file: name a folder to eject into
cmd-eject-not-empty = { $path } is not empty: name a new or empty folder, or add --force to replace main.typ, issue.json and fonts/ in it
cmd-eject-wrote = wrote the layout and the data of { $issue } to { $folder }; the Typst CLI makes the same pages with:
cmd-eject-own-layout = main.typ includes the publication's own layout: restyle { $ejected } and copy it back to { $original } in the publication
cmd-eject-how-to-use = to build every issue with a changed layout, copy main.typ into the publication (e.g. layouts/custom.typ) and set [layout] file = "layouts/custom.typ" in bulletin.toml
cmd-eject-layout-fails = the publication's layout does not lay out this issue, so files it reads after the error are not copied:

cmd-fonts-heading = fonts:
cmd-fonts-embedded = embedded ({ $file })
cmd-fonts-face = { $family } ({ $style }, weight { $weight })
cmd-fonts-roles = roles (families tried in order):
cmd-fonts-characters = { $file } prints { $count } different characters; not in each role's own fonts (before { $fallback }, which draws them instead, if it can):
cmd-fonts-any-font = any font

cmd-check-fixed = fixed { $count } punctuation { $count ->
        [one] mark
       *[other] marks
    } in { $file }
cmd-check-summary = checked { $issues } { $issues ->
        [one] issue
       *[other] issues
    }: { $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }
cmd-check-warnings-denied = ; warnings are denied (bulletin check --fix corrects punctuation)
cmd-check-fix-hint = bulletin check --fix corrects the punctuation in place
cmd-check-fix-would-break = { $file }: the punctuation fixes would break the file, so it was left as it was (please report this); fix the warnings by hand

cmd-list-none = no issues yet: write issues/<total>.toml, or start one with bulletin new
cmd-list-total = total
cmd-list-issue = issue
cmd-list-date = date
cmd-list-articles = articles
cmd-list-pdf = PDF
cmd-list-year-number = { $year }年第{ $number }期
cmd-list-unreadable = cannot read the issue: run bulletin check { $total }
cmd-list-pdf-none = none
cmd-list-pdf-stale = out of date (sources changed since)
cmd-list-pdf-fresh = up to date
cmd-list-separator = ,{" "}

cmd-new-no-issue = { $folder } holds no issue yet: write the first one by hand (see docs/input-format.md); from then on, bulletin new starts each next issue
cmd-new-latest-broken = bulletin new continues from the latest issue: correct it first
cmd-new-total-not-name = { $file }: the latest issue file says total = { $total }, but its name says { $name }: correct one of them (bulletin check { $name } tells more), then run bulletin new again
cmd-new-started = started { $year }年第{ $number }期（总第{ $total }期）, dated { $date }: fill in the articles, then run bulletin check { $total }

cmd-import-section-empty = give the section's name, e.g. --section 基层动态 (or leave --section out)
cmd-import-issue-not-utf8 = { $file } is not UTF-8 text: run bulletin check on it
cmd-import-issue-not-toml = { $file } is not valid TOML (bulletin check tells where): correct it first; nothing was imported
cmd-import-issue-no-total = { $file } has no valid total (bulletin check tells more): correct it first; nothing was imported
cmd-import-would-break = the imported text would not be valid TOML ({ $error }); nothing was imported (please report this)
cmd-import-would-not-build = the imported articles would not build, so nothing was imported:

    { $problems }

    (please report this, with the file)
cmd-import-paragraphs = { $count } paragraph(s)
cmd-import-source = source （{ $source }）
cmd-import-note = an editor's note
cmd-import-pictures = { $count } picture(s)
cmd-import-added = added 「{ $title }」 from { $file } to { $issue }: { $parts }
cmd-import-fixed = fixed { $count } punctuation mark(s) in the imported text
cmd-import-warnings = { $count } punctuation warning(s) in the imported text: bulletin check { $total } --fix corrects them
cmd-import-picture-format = the picture { $name } ({ $format } format) cannot be printed and was left out: save it as PNG or JPEG and add it as [[articles.images]]
cmd-import-section-further-up = the issue already has articles of 【{ $section }】 further up; the imported ones are added at the end: move them next to the others (bulletin check says where)
cmd-import-picture-refused = the picture { $name } { $why }; it was left out
cmd-import-not-a-file = { $path } is not a regular file (a pipe or a device): give a .docx or .txt file
cmd-import-too-large = { $path } is { $mb } MB, more than a contribution may be ({ $max } MB): save its pictures smaller, or split it
