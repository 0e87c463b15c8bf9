# 生成：字体、缺字、排版、写出文件。

build-missing-glyphs = 有 { $count } 个字现有字体印不出来：请替换这些字，或添加含有这些字的字体（[fonts] paths 或 --font-path），或加上 --allow-missing-glyphs 把它们印成空框
build-archive-missing-glyphs = 有 { $count } 个字没有任何字体能印，而 PDF/A 归档文件不允许印空框：请替换这些字，或添加含有这些字的字体
build-low-resolution = { $path } 印出来只有 { $dpi } dpi（{ $width } × { $height } 像素印在 { $mm } 毫米宽上），会显得模糊：请换一张更大的图片（要达到 { $min_dpi } dpi 需宽 { $needed } 像素），或用 height 把它印小一些

glyphs-missing = 没有字体能印出“{ $character }”（{ $code }），位于{ $place }{ $consequence }
glyphs-place-article = 第{ $n }篇稿件（{ $title }）的“{ $field }”
glyphs-printed-as-box = ：印为空框

fonts-family-not-found = 找不到字体“{ $name }”（[fonts] { $role }），已跳过（把字体文件放进 [fonts] paths 或 --font-path 指定的文件夹）；找到的字体之后由内置的 { $embedded } 承担这一用途
fonts-embedded-damaged = 无法读取内置字体 { $file }（程序文件已损坏：请重新编译安装）
fonts-no-folder = 字体文件夹 { $path } 不存在或不是文件夹：请改正路径

output-wrong-kind = { $path } 已存在，但不是{ $kind }：bulletin 只替换它所写的那类文件；请另选输出文件
output-kind-pdf = PDF 文件
output-kind-png = PNG 图片
output-kind-svg = SVG 图片
output-kind-text = 文本文件
output-exists = { $path } 已存在：bulletin 不会覆盖它
output-not-a-file = { $path } 不是普通文件：请另选输出文件
output-not-a-folder = 无法写入 { $path }：{ $file } 是文件，不是文件夹；请另选输出文件夹
output-folder-not-writable = 无法写入 { $path }：文件夹 { $folder } 不允许写入（它是只读的或属于别的用户）；请用 -o 另选输出文件，或请人把这个文件夹设为可写
output-cannot-write = 无法写入 { $path }：{ $error }

publication-not-a-publication = { $folder } 里没有 bulletin.toml：-C 必须指向刊物文件夹
publication-none-found = { $folder } 及其上层文件夹里都没有 bulletin.toml：请在刊物文件夹里运行 bulletin，或用 -C DIR 指明刊物文件夹
publication-current-folder = 无法读取当前文件夹：{ $error }
publication-no-such-issue = 没有第 { $asked } 期（{ $path } 不存在）；{ $issues }
publication-no-issues-yet = issues 文件夹里还没有任何一期
publication-issues-are = 现有各期：{ $issues }

next-not-after = 新一期的日期 { $new } 必须晚于最近一期的日期（{ $latest }，{ $file }）：请用 --date 给一个更晚的日期
next-bad-date = { $date } 不是日期，日期应写成 2023-08-18 这样
next-out-of-range = { $date } 之后 { $days } 天的日期超出了范围

world-layout-outside = 版式文件必须在刊物文件夹内
world-no-packages = bulletin 的版式不能使用 Typst 包（{ $package }）：请把需要的内容复制到刊物文件夹里
render-pdf-standards-incompatible = PDF 无法同时符合 { $standards }：PDF/A 与 PDF/UA 标准各至多选一个，也不要另选它们不允许的 PDF 版本（PDF/UA-1、PDF/A-2、PDF/A-3 均为 PDF 1.7）
render-png-failed = 无法生成 PNG 图片（{ $error }）

watch-events-failed = 监视文件失败：{ $error }
watch-cannot-start = 无法监视文件：{ $error }
watch-folder-polled = 无法监视 { $folder }（{ $error }）：改为每 { $seconds } 秒查看一次其中的文件{ $hint }
watch-limit-hint = （已达到系统可监视文件夹的上限：请关闭其他监视文件的程序，或调高 fs.inotify.max_user_watches）
world-not-a-regular-file = { $path } 不是普通文件（是管道或设备）：版式只能读取文件
world-file-too-large = { $path } 有 { $mb } MB：版式读取的文件最大为 { $max } MB
