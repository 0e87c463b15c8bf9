# 读取来稿（.docx、.txt），供 bulletin import 使用。

import-not-docx = 不是 Word 文档（.docx）：{ $why }；请另存为 .docx（Word 2007 或更新版本）或纯文本
import-encrypted = 这是旧版 Word 文档（.doc）或设了密码：请用 Word 打开，另存为不带密码的 .docx
import-empty = 其中没有可付印的文字（标题之外没有段落）
import-encoding = 既不是 UTF-8 也不是 GB18030 编码的文本：请另存为 UTF-8
import-kind = 不能导入这类文件：请给 .docx 或 .txt 文件（旧版 .doc 请用 Word 或 WPS 打开，另存为 .docx）
import-cut-character = 文件在一个字的中间结束（第 { $at } 字节）：最后几个字节已略去
import-read-as-gb18030 = 不是 UTF-8（从第 { $at } 字节起）：已按 GB18030 读取；请检查文字是否正确
import-left-out-before-title = 略去了标题前面的内容：“{ $text }”
import-left-out-picture-before-title = 略去了标题前面的一张图片（{ $name }）：请手工加入
import-no-title = 没有认出标题（没有标题样式，开头也没有居中或加粗的短段落）：暂用文件名“{ $name }”作标题，请改正
import-docx-not-zip = 它不是 zip 压缩包
import-docx-no-document = 其中没有 word/document.xml
import-docx-not-utf8 = 其中的 document.xml 不是 UTF-8 编码
import-docx-picture-missing = 文档中缺少一张图片（{ $target }），已略去
import-docx-unreadable = 无法读取其中的 document.xml（{ $error }）
import-docx-tables = { $count } 个表格已拆成段落，每个单元格一段：请检查
import-left-out-dateline = 略去了标题下的日期行：“{ $text }”（每期有自己的日期）
import-docx-part-too-large = 其中的 { $part } 解压后超过 { $max } MB，远远超出一篇来稿的篇幅（文件已损坏，或是“zip 炸弹”）：请用 Word 打开后重新保存，或拆成几个文件
import-text-too-large = 文字超过 { $max } MB，远远超出一篇来稿的篇幅：请拆成几个文件
import-docx-picture-too-large = 一张图片（{ $target }）解压后超过 { $max } MB，已略去：请把较小的图片作为 [[articles.images]] 加入
import-docx-pictures-too-large = 文档各部分解压后合计超过 { $max } MB，因此从 { $first } 起的 { $count } 张图片已略去：请把较小的图片作为 [[articles.images]] 加入
