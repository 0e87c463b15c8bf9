# 各命令显示的内容：进度、汇总，以及命令自己的错误。

cmd-timings = 用时：{ $stages }；合计 { $total }
cmd-stage-fonts = 字体
cmd-stage-check = 读取与检查
cmd-stage-layout = 排版
cmd-stage-pdf = PDF
cmd-stage-png = PNG 页面
cmd-stage-svg = SVG 页面
cmd-stage-write = 写入
cmd-cannot-read = 无法读取 { $path }
cmd-cannot-write = 无法写入 { $path }
cmd-cannot-create = 无法创建 { $path }

cmd-build-ppi = 请给出 1 到 1200 之间的每英寸像素数，如 144
cmd-build-nothing = 无
cmd-build-written = { $files }（{ $pages } 页，{ $mb } MB）
cmd-build-wrote-in = 已写出 { $written }，用时 { $seconds } 秒
cmd-build-wrote = 已写出 { $written }
cmd-build-failed = 失败 { $file }
cmd-build-no-issues = 没有可生成的期：issues/ 里没有 <总期号>.toml 文件
cmd-build-progress = {"{"}bar:30{"}"} {"{"}pos{"}"}/{"{"}len{"}"} 期 {"{"}msg{"}"}
cmd-build-twin = { $file } 和 { $other } 都是第 { $total } 期：只保留其中一个
cmd-build-internal-error = { $file }：bulletin 因内部错误而停止（见上文）
cmd-build-summary = 已生成 { $count } 期中的 { $built } 期，用时 { $seconds } 秒
cmd-build-summary-failed = { $summary }；{ $count } 期失败：{ $files }

cmd-watch-stopped = 已停止监视
cmd-watch-no-ctrl-c = 无法捕获 Ctrl-C
cmd-watch-watching = 正在监视 { $file }：每次保存都会重新生成；按 Ctrl-C 结束
cmd-watch-unchanged = { $file } 保持不变
cmd-watch-no-pdf-yet = 还没有写出过 PDF
cmd-watch-not-built = 未生成：{ $kept }；等待下一次保存

cmd-eject-cannot-read-layout = 无法读取版式 { $path }
cmd-eject-is-a-file = { $path } 是文件：请指定一个文件夹来存放导出的项目
cmd-eject-not-empty = { $path } 不是空文件夹：请指定新的或空的文件夹，或加上 --force 替换其中的 main.typ、issue.json 和 fonts/
cmd-eject-wrote = 已把 { $issue } 的版式和数据写到 { $folder }；用 Typst 命令行可以排出同样的页面：
cmd-eject-own-layout = main.typ 引用了刊物自己的版式：修改 { $ejected }，再把它复制回刊物中的 { $original }
cmd-eject-how-to-use = 要让每一期都使用修改后的版式：把 main.typ 复制到刊物文件夹里（如 layouts/custom.typ），并在 bulletin.toml 中设 [layout] file = "layouts/custom.typ"
cmd-eject-layout-fails = 刊物的版式排不了这一期，因此它在出错之后才读取的文件没有复制：

cmd-fonts-heading = 字体：
cmd-fonts-embedded = 内置（{ $file }）
cmd-fonts-face = { $family }（{ $style }，字重 { $weight }）
cmd-fonts-roles = 各用途（按顺序尝试的字体）：
cmd-fonts-characters = { $file } 共用到 { $count } 个不同的字；以下是各用途自身字体中没有的字（在 { $fallback } 之前；若它有，就由它来印）：
cmd-fonts-any-font = 任何字体

cmd-check-fixed = 已改正 { $file } 中的 { $count } 处标点
cmd-check-summary = 检查了 { $issues } 期：{ $errors } 个错误，{ $warnings } 个警告
cmd-check-warnings-denied = ；不允许有警告（bulletin check --fix 可改正标点）
cmd-check-fix-hint = bulletin check --fix 可在文件中直接改正这些标点
cmd-check-fix-would-break = { $file }：改正标点会破坏这个文件，所以没有改动它（请报告这个问题）；请手工改正这些警告

cmd-list-none = 还没有任何一期：请写 issues/<总期号>.toml，或用 bulletin new 开始一期
cmd-list-total = 总期号
cmd-list-issue = 期号
cmd-list-date = 日期
cmd-list-articles = 稿件
cmd-list-pdf = PDF
cmd-list-year-number = { $year }年第{ $number }期
cmd-list-unreadable = 无法读取这一期：请运行 bulletin check { $total }
cmd-list-pdf-none = 无
cmd-list-pdf-stale = 已过时（之后改动过源文件）
cmd-list-pdf-fresh = 最新
cmd-list-separator = ，

cmd-new-no-issue = { $folder } 里还没有任何一期：第一期请手工编写（见 docs/input-format.md）；此后每一期都可用 bulletin new 开始
cmd-new-latest-broken = bulletin new 要接着最近一期编号：请先改正它
cmd-new-total-not-name = { $file }：最近一期的文件写的是 total = { $total }，文件名却是 { $name }：请改正其中之一（bulletin check { $name } 会说明更多），再运行 bulletin new
cmd-new-started = 已开始 { $year }年第{ $number }期（总第{ $total }期），日期 { $date }：请填写稿件，然后运行 bulletin check { $total }

cmd-import-section-empty = 请给出栏目名，如 --section 基层动态（或不写 --section）
cmd-import-issue-not-utf8 = { $file } 不是 UTF-8 编码的文本：请对它运行 bulletin check
cmd-import-issue-not-toml = { $file } 不是有效的 TOML（bulletin check 会指出位置）：请先改正它；没有导入任何内容
cmd-import-issue-no-total = { $file } 没有有效的总期号 total（bulletin check 会说明更多）：请先改正它；没有导入任何内容
cmd-import-would-break = 导入的文字会使文件不再是有效的 TOML（{ $error }）；没有导入任何内容（请报告这个问题）
cmd-import-would-not-build = 导入的稿件无法生成，所以没有导入任何内容：

    { $problems }

    （请报告这个问题，并附上来稿文件）
cmd-import-paragraphs = { $count } 段
cmd-import-source = 来源（{ $source }）
cmd-import-note = 编者按
cmd-import-pictures = { $count } 张图片
cmd-import-added = 已把 { $file } 中的「{ $title }」加入 { $issue }：{ $parts }
cmd-import-fixed = 已改正导入文字中的 { $count } 处标点
cmd-import-warnings = 导入的文字中有 { $count } 处标点警告：bulletin check { $total } --fix 可以改正
cmd-import-picture-format = 图片 { $name }（{ $format } 格式）无法付印，已略去：请把它存为 PNG 或 JPEG，再作为 [[articles.images]] 加入
cmd-import-section-further-up = 这一期前面已经有【{ $section }】栏目的稿件；导入的稿件加在最后：请把它们移到同栏目的稿件旁边（bulletin check 会指出位置）
cmd-import-picture-refused = 图片 { $name } { $why }；已略去
cmd-import-not-a-file = { $path } 不是普通文件（是管道或设备）：请给 .docx 或 .txt 文件
cmd-import-too-large = { $path } 有 { $mb } MB，超过一篇来稿的上限（{ $max } MB）：请把其中的图片存得小一些，或拆成几个文件
