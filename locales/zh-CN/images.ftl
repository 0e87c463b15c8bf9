# 稿件中的图片（[[articles.images]]）。

image-what-path = “path”
image-problem = “{ $path }”{ $why }
image-after = after = { $value }，但这篇稿件只有 { $paragraphs } 段：请写 1 到 { $paragraphs } 之间的段号，或删掉 after，图片就放在正文之后
image-height = height { $why }
image-caption-empty = 图片说明是空的：不要说明就删掉 caption
image-does-not-exist = 不存在：请检查文件名（路径从 bulletin.toml 所在的文件夹算起）
image-outside = （通过链接）指向刊物文件夹之外：请把图片本身复制到刊物文件夹里
image-not-a-file = 不是文件：请写图片文件的名字
image-cannot-read = 无法读取：{ $error }
image-svg-damaged = 是损坏的 SVG 图（其 XML 在第 { $at } 字节处断开）：请重新保存
image-svg-cannot-draw = 是无法绘制的 SVG 图（{ $error }）：请从绘图软件重新导出
image-other-format = 是 { $format } 图片：请另存为 JPEG 或 PNG（图表可用 SVG）
image-not-a-picture = 不是 JPEG、PNG 或 SVG 图片
image-damaged = 看起来是 { $format } 图片，但无法读取：文件已损坏，请重新保存
image-cut-short = 是不完整的 { $format } 图片（已损坏）：请重新复制或保存
image-no-pixels = 没有像素
image-height-unit = "{ $value }" 需要单位：写成 "60mm"、"6cm" 或 "170pt" 这样
image-height-not-a-length = "{ $value }" 不是 "60mm" 这样的长度
image-height-type = 必须是 "60mm" 这样的长度
image-height-range = 必须大于 0，且不超过版心高度 225mm（这里是 { $mm }mm）
