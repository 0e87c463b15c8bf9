# 一种刊物的始终：bulletin init、bulletin volume，以及手册页。

cmd-man-unknown = 没有 { $command } 这个命令；现有命令：{ $commands }
cmd-man-write = 无法输出手册页

# bulletin init：新刊物的文件。
init-already = { $file } 已存在：这个文件夹已经是一种刊物，没有写入任何文件（bulletin init 在空文件夹里新建刊物：bulletin init 新文件夹）
init-not-a-folder = { $path } 是文件，不是文件夹：请给出新刊物的文件夹
init-file-exists = { $file } 已存在，写入会覆盖它：没有写入任何文件（请把它移走，或在别的文件夹里新建刊物）
init-invalid = 以上是 bulletin init 将要写入的内容；请改正给出的相应取值，再运行 bulletin init（没有写入任何文件）
init-gitignore-comment = 生成的文件（PDF、PNG、SVG）可以随时用 bulletin build 从各期重新生成
init-config-intro = 刊物“{ $name }”：列出了所有的键；以 # 开头的行不起作用（去掉 # 即可启用）
init-config-docs = 每个键的说明见 docs/input-format.md；bulletin check 可检查本文件是否正确
init-key-name = 刊名，印在报头，红色大字
init-key-publisher = 印在报头下方左侧
init-key-issue-line = 居中印在报头名称下方；{"{"}year{"}"}、{"{"}number{"}"}、{"{"}total{"}"} 会填入年份、期号、总期号
init-key-contents-heading = 目录提要的标题
init-key-cadence-days = bulletin new 把下一期的日期定在多少天之后
init-key-lang = 所有生成本刊物的人看到的提示语言："zh" 或 "en"（--lang 和 BULLETIN_LANG 优先）
init-section-layout = 版面设置（见 docs/layout.md）
init-key-page-numbers = 每页下方印“— 1 —”式页码
init-key-red = 报头和红线的颜色
init-key-cjk-latin-spacing = 汉字与西文字母、数字之间自动加空隙（“2023 年”）
init-key-layout-file = 用自己的版式代替内置版式（可先用 bulletin eject 导出）
init-section-fonts = 单位自有的字体，先于内置字体使用（不设也可以）
init-key-font-body = 正文（仿宋）
init-key-font-title = 报头和标题（小标宋）
init-key-font-heading = 栏目和目录提要的标题（黑体）
init-key-font-kai = 目录条目、来源、图片说明（楷体）
init-key-font-number = 页码（宋体）
init-key-font-paths = 存放其他字体的文件夹，相对于本文件
init-section-footer = 每期最后一页的报尾；某一期自己的 [footer] 可逐项改写
init-key-footer-lines = 自由填写的各行，按顺序，例如：
init-example-footer-line = 信息报送邮箱：office@example.org
init-key-distribution = 印在“分送：”之后，每项一行，例如：
init-example-distribution = 常委会各位委员
init-key-footer-editor = 未写编辑的各期所用的编辑
init-key-footer-reviewer = 未写审核的各期所用的审核
init-issue-comment = { $issue }：第一期。每篇稿件都是示例：请换成本期的标题和正文，再运行 bulletin check { $total }
init-example-title = 示例稿件：请换成本篇标题
init-example-title-section = { $section }示例稿件：请换成本篇标题
init-example-paragraph-1 = 这是一段示例正文。段与段之间空一行；同一段内的换行会被连接起来。
init-example-paragraph-2 = 请把这篇稿件换成本期的稿件，再运行 bulletin build { $total } 查看版面。
init-example-source = 示例单位

# bulletin init：命令。
cmd-init-made = 已在 { $folder } 新建刊物：{ $config }（列出并说明了所有的键）、{ $issue }（总第{ $total }期，日期 { $date }，附示例稿件）和 .gitignore（不把 out/ 纳入版本管理）
cmd-init-gitignore-kept = .gitignore 原已存在，未作改动：如不想提交生成的文件，请在其中加一行 out/
cmd-init-next = 接下来：
cmd-init-step-cd = cd { $folder }
cmd-init-step-build = bulletin build { $total }        （生成 out/{ $total }.pdf，请查看版面）
cmd-init-step-write = 在 issues/{ $total }.toml 中写好稿件，再运行 bulletin check { $total }
cmd-init-step-new = bulletin new        （开始下一期，自动编号、定日期）
cmd-init-flags-missing = 没有终端可以提问：请给出 { $flags }（如不用默认值，还可给出 --first、--number、--date、--cadence、--sections、--editor、--reviewer）
cmd-init-required = 这一项必须填写
cmd-init-whole-number = 请填 1 到 { $max } 之间的整数
cmd-init-ask-name = 刊名（印作报头，如：科协每周动态）
cmd-init-ask-publisher = 编印单位（如：北京市科协办公室）
cmd-init-ask-first = 第一期的总期号（总第N期）
cmd-init-ask-number = 它在当年的期号（第N期）
cmd-init-ask-date = 它的日期（YYYY-MM-DD）
cmd-init-ask-cadence = 每隔多少天出一期
cmd-init-ask-sections = 各栏目名称，用逗号分隔（没有栏目：直接按回车）
cmd-init-ask-editor = 编辑（没有：直接按回车）
cmd-init-ask-reviewer = 审核（没有：直接按回车）

# bulletin volume：把一年的各期合订成一个 PDF。
volume-no-issues = 没有属于 { $year } 年的期（按年份或日期的年份）：bulletin list 列出各期的日期；--from 和 --to 可按总期号选定各期
volume-no-issues-between = 没有总期号在 { $from } 到 { $to } 之间的期：bulletin list 列出各期的总期号
volume-issue-broken = { $file } 无法排版，所以没有生成合订本：请改正它（bulletin check 会指出全部问题），或用 --skip-broken 不收入这一期
volume-issue-skipped = { $file } 未收入合订本（--skip-broken）；目录页上注明了这一点
volume-gap = 合订本中没有总第 { $totals } 期：总期号跳过了它（issues/ 中没有这个文件）；请检查是否漏了一期
volume-layout-titles = 本刊物自己的版式（[layout] file）没有像内置版式那样把 { $file } 的栏目和标题都标成书签标题（heading，bookmarked: true），合订本无法知道每篇稿件从哪一页开始：请把这些标题改为 heading，或用内置版式生成合订本
cmd-volume-wrote = 已写出 { $file }（{ $issues } 期，总第{ $first }期—总第{ $last }期，{ $pages } 页，{ $mb } MB），用时 { $seconds } 秒
