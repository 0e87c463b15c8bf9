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
