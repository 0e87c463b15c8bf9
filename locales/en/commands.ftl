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
