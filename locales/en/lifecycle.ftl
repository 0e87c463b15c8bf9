# A publication's life: bulletin init, bulletin volume, and the manual page.

cmd-man-unknown = there is no command { $command }: the commands are { $commands }
cmd-man-write = cannot print the manual page

# bulletin init: the new publication's files.
init-already = { $file } exists: this folder is a publication already; nothing was written (bulletin init makes a new one in an empty folder: bulletin init NEW-FOLDER)
init-not-a-folder = { $path } is a file, not a folder: name a folder for the new publication
init-file-exists = { $file } exists already and would be replaced: nothing was written (move it away, or make the publication in another folder)
init-invalid = bulletin init would write this as shown; correct the value given for it and run bulletin init again (nothing was written)
init-gitignore-comment = Built files (PDF, PNG, SVG) are made again from the issues by bulletin build
init-config-intro = The publication { $name }: every key is listed; a line starting with # is not read (remove the # to use it)
init-config-docs = Every key is explained in docs/input-format.md; bulletin check tells whether the file is right
init-key-name = the masthead's title, printed large and red
init-key-publisher = printed on the left under the masthead
init-key-issue-line = centred under the title; {"{"}year{"}"}, {"{"}number{"}"} and {"{"}total{"}"} are filled in
init-key-contents-heading = the heading of the contents block
init-key-cadence-days = bulletin new dates the next issue this many days later
init-key-lang = messages for everyone who builds it: "zh" or "en" (--lang and BULLETIN_LANG win over it)
init-section-layout = how the pages look (docs/layout.md)
init-key-page-numbers = "— 1 —" at the foot of each page
init-key-red = the colour of the masthead and its rule
init-key-cjk-latin-spacing = an automatic gap between Chinese and Latin letters or digits ("2023 年")
init-key-layout-file = a layout of your own instead of the embedded one (bulletin eject makes a start)
init-section-fonts = the office's own fonts, tried before the embedded ones (none needed)
init-key-font-body = body text (仿宋)
init-key-font-title = the masthead and titles (小标宋)
init-key-font-heading = section headings and the contents heading (黑体)
init-key-font-kai = contents entries, attributions, captions (楷体)
init-key-font-number = page numbers (宋体)
init-key-font-paths = folders with more fonts, relative to this file
init-section-footer = the closing block (报尾) on each issue's last page; an issue's own [footer] overrides each key
init-key-footer-lines = free lines, in order, e.g.:
init-example-footer-line = Reports by e-mail: office@example.org
init-key-distribution = printed after "分送：", one entry per line, e.g.:
init-example-distribution = Members of the standing committee
init-key-footer-editor = the editor (编辑) of issues that name none
init-key-footer-reviewer = the reviewer (审核) of issues that name none
init-issue-comment = { $issue }: the first issue. Each article is an example: replace its title and body, then run bulletin check { $total }
init-example-title = Example article - replace this title
init-example-title-section = Example article in { $section } - replace this title
init-example-paragraph-1 = This is an example paragraph. Paragraphs are separated by a blank line; line breaks inside a paragraph are joined.
init-example-paragraph-2 = Replace this article with one of the issue, then run bulletin build { $total } to see the pages.
init-example-source = Example office

# bulletin init: the command.
cmd-init-made = made a new publication in { $folder }: { $config } (every key, explained), { $issue } (总第{ $total }期, dated { $date }, with example articles) and .gitignore (keeps out/ out of version control)
cmd-init-gitignore-kept = .gitignore was there already and is left as it was: add the line out/ to it if the built files should not be committed
cmd-init-next = Next:
cmd-init-step-cd = cd { $folder }
cmd-init-step-build = bulletin build { $total }        (writes out/{ $total }.pdf: look at it)
cmd-init-step-write = write the articles in issues/{ $total }.toml, then bulletin check { $total }
cmd-init-step-new = bulletin new        (the next issue, numbered and dated)
cmd-init-flags-missing = there is no terminal to ask on: give { $flags } (and, if they are not the defaults, --first, --number, --date, --cadence, --sections, --editor, --reviewer)
cmd-init-required = a value is needed
cmd-init-whole-number = a whole number from 1 to { $max }
cmd-init-ask-name = The publication's name (the masthead, e.g. 科协每周动态)
cmd-init-ask-publisher = The publisher (e.g. 北京市科协办公室)
cmd-init-ask-first = The first issue's total (总第N期)
cmd-init-ask-number = Its number within the year (第N期)
cmd-init-ask-date = Its date (YYYY-MM-DD)
cmd-init-ask-cadence = Days between issues
cmd-init-ask-sections = The sections (栏目), separated by commas (none: press Enter)
cmd-init-ask-editor = The editor (编辑; none: press Enter)
cmd-init-ask-reviewer = The reviewer (审核; none: press Enter)

# bulletin volume: the year's issues bound into one PDF.
volume-no-issues = no issue counts in { $year } (by its year, or its date's): bulletin list shows each issue's date; --from and --to choose issues by their totals
volume-no-issues-between = no issue has a total from { $from } to { $to }: bulletin list shows the totals
volume-issue-broken = { $file } cannot be laid out, so the volume was not made: correct it (bulletin check tells everything), or leave it out with --skip-broken
volume-issue-skipped = { $file } is left out of the volume (--skip-broken); its contents page says so
volume-gap = the volume has no issue of total { $totals }: the totals skip it (no file in issues/); check that none is missing
volume-layout-titles = the layout of this publication ([layout] file) does not mark each section and article title of { $file } as a bookmarked heading, as the embedded layout does, so the volume cannot tell on which page each article starts: make its titles headings (bookmarked: true), or bind the volume with the embedded layout
cmd-volume-wrote = wrote { $file } ({ $issues } issues, 总第{ $first }期—总第{ $last }期, { $pages } pages, { $mb } MB) in { $seconds } s
