# 中文文字里的标点（check、check --fix、import --fix）。

lint-mark-comma = 逗号
lint-mark-colon = 冒号
lint-mark-semicolon = 分号
lint-mark-question = 问号
lint-mark-exclamation = 叹号
lint-mark-opening-parenthesis = 前括号
lint-mark-closing-parenthesis = 后括号
lint-ellipsis = 中文里用“{ $typed }”作省略号：请用“……”（两个“…”）
lint-single-ellipsis = 中文里只用了一个“…”：请用“……”（中文省略号是两个“…”）
lint-doubled = 标点“{ $typed }”重复了：只打一个“{ $mark }”
lint-straight-quote = 中文里用了英文引号 { $typed }：请用中文{ $which ->
        [opening] 前引号
       *[closing] 后引号
    } { $curly }
lint-unpaired-quote = 中文里有不成对的英文引号 { $typed }：请用中文{ $which ->
        [opening] 前引号
       *[closing] 后引号
    } { $curly }（并检查与它配对的引号应在哪里）
lint-no-space-before = ，前面不留空格
lint-no-space-after = ，后面不留空格
lint-no-space-around = ，前后都不留空格
lint-doubled-mark = 中文里{ $name }“{ $typed }”重复了：只用一个“{ $full }”{ $spaces }
lint-half-width-partner = 半角{ $name }“{ $typed }”与中文括号配对：请用“{ $full }”{ $spaces }
lint-half-width = 中文旁边用了半角{ $name }“{ $typed }”：请用“{ $full }”{ $spaces }
lint-blanks = { $count }个{ $kind ->
        [tab] 制表符
        [mixed] 空格和制表符
       *[space] 空格
    }
lint-space-in-list = “{ $before }”和“{ $after }”之间有{ $what }：{ $list ->
        [names] 人名
       *[recipients] 收件单位
    }之间用一个全角空格隔开，请用一个“　”
lint-space-between = 中文“{ $before }”和“{ $after }”之间有{ $what }：请删掉
lint-mark-full-stop = 句号
