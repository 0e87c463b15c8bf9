# 浏览器中的编辑台（bulletin serve）：服务器的消息、它所做的修改，以及编辑台本身的用语。

edit-not-toml = 这一期的文件不是有效的 TOML（{ $error }）：请先在文本编辑器中改正（bulletin check 会指出位置）
edit-articles-not-tables = 这个文件中的稿件不是写成 [[articles]] 表的，编辑台无法修改：请在文本编辑器中修改
edit-images-not-tables = 第{ $n }篇稿件的图片不是写成 [[articles.images]] 表的，编辑台无法修改：请在文本编辑器中修改
edit-no-article = 没有（或已不再有）第{ $n }篇稿件：请重新载入编辑台
edit-no-image = 第{ $n }篇稿件没有（或已不再有）第{ $k }张图片：请重新载入编辑台
edit-unknown-key = 编辑台不认识键“{ $key }”
edit-wrong-value = “{ $key }”不能取这个值
edit-required = “{ $key }”不能删去：请给它一个值
edit-not-one-article = 要恢复的文字不是一个 [[articles]] 块
edit-text-changed = 这处改正所针对的文字已被改动：请重新检查
