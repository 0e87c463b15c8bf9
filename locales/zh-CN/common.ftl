# 各部分共用的词语和格式。

label-error = 错误：
label-warning = 警告：
# 在“文件:行:列”（或文件名）与消息之间。
location-separator = ：
# 属于期中某一部分的消息前面：“第2篇稿件：……”。
with-place = { $place }：{ $message }
place-article = 第{ $n }篇稿件
place-article-image = 第{ $n }篇稿件的第{ $k }张图片
place-article-field = 第{ $n }篇稿件的“{ $field }”

internal-error = bulletin 因内部错误而停止（这是程序的缺陷，不是文件写错了）：{ $details }
    没有留下写了一半的文件。请把这段消息连同期文件一起报告给维护者。

# 读写文件失败时操作系统的回答。
io-not-found = 文件或文件夹不存在
io-permission-denied = 没有权限
io-already-exists = 文件已存在
io-is-a-directory = 这是一个文件夹
io-not-a-directory = 不是文件夹
io-read-only = 文件系统只读
io-storage-full = 磁盘空间已满
io-other = 系统报错：{ $details }
