# 命令行帮助：每个命令一句说明，每个选项或参数一句帮助（cli-<命令>-<选项>）。

cli-bulletin-about = 把 TOML 写成的每周简报排成可付印的 PDF
cli-bulletin-dir = 刊物文件夹（默认：从当前文件夹向上找到的第一个含有 bulletin.toml 的文件夹）
cli-bulletin-lang = 消息和帮助的语言：zh（中文）或 en（英文）；默认依次看 BULLETIN_LANG、bulletin.toml 中的 [publication] lang、系统的区域设置
cli-help-flag = 显示帮助
cli-version-flag = 显示版本

cli-build-about = 把一期排成 PDF：`bulletin build 74` 写出 out/74.pdf
cli-build-issue = 哪一期：总期号（74，读取 issues/74.toml）或文件路径
cli-build-all = 生成 issues/ 中的每一期，并行进行
cli-build-output = PDF 写到哪里（默认：刊物文件夹里的 out/<总期号>.pdf）；PNG 和 SVG 的各页写在它旁边，名为 NAME-1.png、NAME-2.png……
cli-build-format = 写出什么：PDF，或每页一张图片
cli-build-ppi = PNG 图片每英寸的像素数
cli-build-font-paths = 另一个字体文件夹（可重复）；对 [fonts] 中指定的字体，先于内置字体使用
cli-build-allow-missing-glyphs = 没有字体能印的字印成空框并给出警告，而不是报错停止
cli-build-pdf-standards = 让 PDF 符合某种标准，如归档用的 a-2b、供读屏软件朗读的 ua-1（可重复，如 ua-1 与 a-2u 同用）
cli-build-pdf-standards-1-7 = PDF 1.7（默认）
cli-build-pdf-standards-2-0 = PDF 2.0
cli-build-pdf-standards-a-2b = PDF/A-2b：归档用，多年后印出来仍是原样
cli-build-pdf-standards-a-2u = PDF/A-2u：归档用，文字还可检索、可复制
cli-build-pdf-standards-a-3b = PDF/A-3b：同 a-2b，依标准的较新版本
cli-build-pdf-standards-a-3u = PDF/A-3u：同 a-2u，依标准的较新版本
cli-build-pdf-standards-ua-1 = PDF/UA-1：无障碍，经检查可供读屏软件朗读（与 a-2u 同用：无障碍的归档文件）
cli-build-timings = 同时显示各步骤用时（字体、读取与检查、排版、导出、写入）

cli-check-about = 不生成 PDF，检查各期的错误：键和值、编号、标点
cli-check-issues = 要检查的期（总期号或文件）；不写则检查每一期
cli-check-all = 检查 issues/ 中的每一期（不指明期时即如此）
cli-check-fix = 在文件中改正标点警告，不改动其他任何内容
cli-check-deny-warnings = 有警告也算失败
cli-check-font-paths = 另一个字体文件夹（可重复），同 build

cli-new-about = 接着最近一期开始新一期：编好期号和日期，栏目就绪待填
cli-new-date = 新一期的日期（默认：最近一期的日期加上 [publication] cadence_days）

cli-import-about = 把 Word 文档或文本文件作为稿件加入一期
cli-import-files = 来稿：Word 文档（.docx）或文本文件（.txt，UTF-8 或 GB18030 编码），每个文件一篇稿件，按此顺序
cli-import-into = 加入哪一期（总期号或文件）；这一期必须已经存在
cli-import-section = 导入稿件所属的栏目
cli-import-fix = 改正导入文字的标点，同 check --fix

cli-watch-about = 生成一期，之后每次保存都重新生成
cli-watch-issue = 哪一期：总期号（74，读取 issues/74.toml）或文件路径
cli-watch-output = PDF 写到哪里（默认：刊物文件夹里的 out/<总期号>.pdf）
cli-watch-font-paths = 另一个字体文件夹（可重复），同 build
cli-watch-allow-missing-glyphs = 没有字体能印的字印成空框，同 build
cli-watch-timings = 同时显示每次生成各步骤的用时，同 build

cli-list-about = 列出各期，以及各期的 PDF 是否为最新

cli-fonts-about = 列出字体、各用途使用哪些字体，以及一期需要的字
cli-fonts-issue = 一期（总期号或文件）：同时统计这一期中各用途的字体印不出的字
cli-fonts-font-paths = 另一个字体文件夹（可重复），同 build

cli-eject-about = 把版式和一期的数据写成 Typst 项目，供修改版式
cli-eject-issue = 随版式一起写出数据的那一期（总期号或文件）
cli-eject-folder = 写到哪个文件夹：main.typ、issue.json、fonts/、这一期的图片（刊物自己的版式及其读取的文件也一并写出）
cli-eject-force = 写入非空的文件夹，替换其中同名的文件
cli-eject-font-paths = 另一个字体文件夹（可重复），同 build

# clap 自带的词语，在中文帮助和消息里替换掉。
cli-default = 默认：{ $value }
cli-possible = 可选：{ $values }
cli-usage-heading = 用法：
cli-commands-heading = 命令：
cli-arguments-heading = 参数：
cli-options-heading = 选项：
cli-more-help = 详细说明请运行 --help 查看。
cli-did-you-mean = 提示：有相近的写法：{ $suggestion }
cli-error-value-missing = “{ $arg }”需要一个值，但没有给出
cli-error-invalid-value = “{ $arg }”的值“{ $value }”无效
cli-error-invalid-value-choose = “{ $arg }”的值“{ $value }”无效（可选：{ $valid }）
cli-error-value-validation = “{ $arg }”的值“{ $value }”无效：{ $why }
cli-error-unknown-argument = 不认识的参数“{ $arg }”
cli-error-unknown-command = 不认识的命令“{ $command }”
cli-error-no-equals = 给“{ $arg }”赋值时需要写等号 =
cli-error-conflict = 参数“{ $arg }”不能与“{ $other }”同时使用
cli-error-missing-argument = 缺少必需的参数：{ $args }
cli-error-missing-command = 需要一个命令（bulletin --help 列出全部命令）
cli-error-value-count = “{ $arg }”的值的个数不对
cli-error-not-utf8 = 有一个参数不是有效的 UTF-8 文本
cli-error-other = 命令行有误（{ $details }）
cli-unknown-language = { $variable }={ $value } 不是 bulletin 支持的语言（zh 或 en）：已忽略
cli-help-about = 显示本帮助，或指定命令的帮助

cli-completions-about = 输出命令行补全脚本：bash、zsh、fish、powershell（或 elvish）
cli-completions-shell = 为哪种命令行外壳补全

cli-man-about = 输出 bulletin 或其某个命令的手册页（roff 格式）
cli-man-command = 某个命令（build、new、volume……）：输出它自己的手册页，而不是 bulletin 的

cli-init-about = 新建一种刊物：bulletin.toml、第一期和 .gitignore（在终端上会询问选项未给出的内容）
cli-init-folder = 新刊物的文件夹（默认：当前文件夹）；不存在则新建；其中不能已有 bulletin.toml
cli-init-name = 刊名，印在报头（科协每周动态）
cli-init-publisher = 编印单位，印在报头下方（北京市科协办公室）
cli-init-first = 第一期的总期号（总第N期；默认：1）
cli-init-number = 第一期在当年的期号（第N期；默认：1）
cli-init-date = 第一期的日期（默认：今天）
cli-init-cadence = 每隔多少天出一期，供 bulletin new 使用（默认：7）
cli-init-sections = 各栏目名称，按顺序，用逗号分隔：--sections “工作动态，基层动态”；第一期每个栏目附一篇示例稿件
cli-init-editor = 第一期的编辑；bulletin new 会沿用
cli-init-reviewer = 第一期的审核；bulletin new 会沿用

cli-volume-about = 把一年的各期合订成一个 PDF（合订本）：封面、带页码的目录和栏目索引，每期从右页（单页）开始
cli-volume-year = 年份：收入属于这一年的各期（按年份或日期的年份）
cli-volume-output = PDF 写到哪里（默认：刊物文件夹中的 out/volume-年份.pdf）
cli-volume-from = 第一期的总期号，按总期号而不按年份选定各期（与 --to 一起用）
cli-volume-to = 最后一期的总期号（与 --from 一起用）
cli-volume-skip-broken = 无法排版的期不收入，给出警告（并在目录页注明），而不是停止
cli-volume-font-paths = 存放其他字体的文件夹（可重复），与 build 相同
cli-volume-allow-missing-glyphs = 把没有任何字体能印出的字印成空框，与 build 相同
cli-volume-pdf-standards = 使 PDF 符合某一标准，如归档用 a-2b（可重复），与 build 相同
cli-volume-pdf-standards-1-7 = PDF 1.7（默认）
cli-volume-pdf-standards-2-0 = PDF 2.0
cli-volume-pdf-standards-a-2b = PDF/A-2b：归档用，多年后印出来仍是原样
cli-volume-pdf-standards-a-2u = PDF/A-2u：归档用，文字还可检索、可复制
cli-volume-pdf-standards-a-3b = PDF/A-3b：同 a-2b，依标准的较新版本
cli-volume-pdf-standards-a-3u = PDF/A-3u：同 a-2u，依标准的较新版本
cli-volume-pdf-standards-ua-1 = PDF/UA-1：无障碍，经检查可供读屏软件朗读（与 a-2u 同用：无障碍的归档文件）
