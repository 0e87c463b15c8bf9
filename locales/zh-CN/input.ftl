# 读取 bulletin.toml 和 issues/<总期号>.toml：语法、键、值、编号。

input-cannot-read = 无法读取这个文件：{ $error }
input-not-utf8 = 这个文件不是 UTF-8 编码的文本：请另存为 UTF-8（多数编辑器：“另存为”，编码选 UTF-8）
input-straight-quote = 这里前面的英文引号 " 让文本提前结束了：文本里请用中文引号“ ”（或用 \" 表示英文引号）
input-wrong-type = 类型不对：这里是{ $found }，应为{ $expected }
input-unknown-key = 不认识的键“{ $key }”，应为 { $allowed } 之一（检查拼写；全部键见 docs/input-format.md）
input-unknown-key-none = 不认识的键“{ $key }”：这里不能写任何键（检查拼写；全部键见 docs/input-format.md）
input-missing-key = 缺少键“{ $key }”
input-duplicate-key = 键重复了：同一个键只能写一次
input-control-character = { $what }：控制字符 { $code } 无法印出，请删掉它（它通常是粘贴时带进来的）

kind-found-text = 文本
kind-found-whole-number = 整数
kind-found-decimal = 小数
kind-found-boolean = true 或 false
kind-found-list = 列表 [...]
kind-found-table = 表
kind-expected-whole-number = 整数（不加引号）
kind-expected-text = 加引号的文本
kind-expected-boolean = true 或 false
kind-expected-list = 列表 [...]
kind-expected-table = 表
kind-expected-date = 日期，如 2023-08-11，不加引号

# TOML 自身的语法错误。
toml-expected = { $what }，这里应为 { $expected }
toml-expected-clause = { $what }：{ $expected }
toml-other = TOML 写法有误（{ $details }）：对照 docs/input-format.md 的例子检查这一行
toml-between = { $unit }应在 { $from } 到 { $to } 之间
toml-underscore = 下划线 _ 只能写在数字之间
toml-too-deep = 嵌套层数太多
toml-carriage-return = 回车符后面必须是换行
toml-extra-equals = 多了一个 =
toml-extra-assignment = 两组“键 = 值”之间多了赋值
toml-extra-comma-array = 列表里多了逗号
toml-extra-comma-table = 行内表里多了逗号
toml-signed-radix = 带进制前缀的整数不能有正负号
toml-invalid-comment-character = 注释里有不允许的字符
toml-invalid-inline-table-element = 行内表的元素写法不对
toml-invalid-key-value = “键 = 值”写法不对
toml-invalid-unquoted-key = 不加引号的键写法不对
toml-invalid-value = 值的写法不对
toml-key-without-value = 键后面没有值
toml-multiline-key = 键不能是多行文本
toml-missing-array-open = 缺少列表的开头 [
toml-missing-assignment = 两组“键 = 值”之间缺少赋值
toml-missing-comma-array = 列表的元素之间缺少逗号
toml-missing-comma-table = 两组“键 = 值”之间缺少逗号
toml-missing-comment-start = 缺少注释开头 #
toml-missing-escape = 反斜杠 \ 后面缺少转义字符
toml-missing-inline-table-open = 缺少行内表的开头 {"{"}
toml-missing-inline-key = 行内表的元素缺少键
toml-missing-opening-quote = 缺少开头的引号
toml-missing-table-open = 缺少表头的开头 [
toml-missing-value = 缺少值
toml-radix-lowercase = 进制前缀必须小写
toml-redundant-prefix = 多余的整数前缀
toml-redundant-sign = 多余的正负号
toml-unquoted-string = 文本必须加引号
toml-short-unicode = Unicode 编码的位数不够
toml-unclosed-array-table = 表头 [[ ]] 没有结束
toml-unclosed-array = 列表没有结束
toml-unclosed-inline-table = 行内表没有结束
toml-unclosed-table = 表头没有结束
toml-equals-in-array = 列表里不能有 =
toml-after-comment = 注释和换行之间有多余的内容
toml-unexpected-content = 这里有多余的内容
toml-unexpected-key-or-value = 这里不该有键或值
toml-leading-zero = 数字不能以 0 开头
toml-unexpected-sign = 这里不该有正负号
toml-empty-key = 不加引号的键不能为空
toml-invalid-basic-string = 文本写法不对
toml-invalid-multiline-basic-string = 多行文本写法不对
toml-invalid-literal-string = 单引号文本写法不对
toml-invalid-multiline-literal-string = 多行单引号文本写法不对
toml-invalid-string = 文本写法不对
toml-invalid-key = 键的写法不对
toml-invalid-table = 表头写法不对
toml-invalid-date-time = 日期时间写法不对
toml-invalid-date = 日期不对
toml-invalid-time = 时间不对
toml-invalid-number = 数字写法不对
toml-invalid-boolean = true 或 false 写法不对
toml-number-too-large = 数字太大
toml-a-newline = 换行
toml-nothing = 什么都不写
toml-a-key = 键
toml-a-value = 值
toml-digits = 数字
toml-letters = 字母
toml-characters = 文字
toml-a-string = 文本
toml-a-unicode-value = Unicode 十六进制编码
toml-year-or-hour = 年份或小时
toml-unit-year = 年
toml-unit-month = 月
toml-unit-day = 日
toml-unit-hour = 小时
toml-unit-minute = 分钟
toml-unit-second = 秒
toml-unit-nanosecond = 纳秒
toml-four-digit-year = 四位数的年份（YYYY）
toml-two-digit-month = 两位数的月份（MM）
toml-two-digit-day = 两位数的日（DD）
toml-two-digit-hour = 两位数的小时（HH）
toml-two-digit-minute = 两位数的分钟（MM）
toml-two-digit-second = 两位数的秒（SS）
toml-t-between-date-and-time = 日期和时间之间的 T
toml-dash-or-colon = -（YYYY-MM）或 :（HH:MM）

# bulletin.toml
config-missing = 这里没有 bulletin.toml：请在刊物文件夹里运行 bulletin，或用 -C DIR 指明刊物文件夹
config-name-too-long = 刊名有 { $count } 个字：报头最多容纳 { $max } 个字，这里只写刊物的名称
config-cadence-days = cadence_days 必须是 1 到 366 之间的天数
config-lang = lang 只能是 "zh"（中文消息）或 "en"（英文消息）
config-red = red 必须是颜色，如 "#E60012"
config-what-layout-file = 版式文件
config-layout-outside = 版式文件“{ $path }”（通过链接）指向刊物文件夹之外：请把版式文件复制到刊物文件夹里
config-layout-missing = 版式文件“{ $path }”不存在：请改正路径，或删掉 file 以使用内置版式
config-font-folder-missing = 字体文件夹“{ $path }”不存在或不是文件夹：请改正，或把它从 [fonts] paths 中删掉
config-empty = { $key } 不能为空
config-issue-line-placeholders = issue_line 只能使用占位符 {"{"}year{"}"}、{"{"}number{"}"} 和 {"{"}total{"}"}
config-path-inside = { $what }必须是刊物文件夹内的路径，如 "{ $example }"

# 一期
issue-total-not-file-name = 总期号 total 是 { $total }，文件名却是 { $name }.toml：两者必须是同一个数
issue-file-name-not-total = 文件名必须是这一期的总期号，如 issues/{ $total }.toml
issue-year-impossible = 年份 { $year } 不可能对：请检查日期
issue-date-not-a-day = date 必须是真实存在的日期，不带时间，如 2023-08-11
issue-year-not-the-dates = year { $year } 与日期 { $date } 不符：删掉 year，或改为 { $right }
issue-no-articles = 一期至少要有一篇稿件 [[articles]]
issue-not-positive = { $key } 必须是从 1 起的整数
issue-title-empty = 标题是空的
issue-body-empty = 正文是空的：至少写一段
issue-section-empty = 栏目是空的：不设栏目就删掉这个键
issue-section-split = 栏目【{ $name }】在前面已经出现过一组稿件：请把这篇稿件移到【{ $name }】的其他稿件旁边
issue-contents-empty = 目录条目是空的：请写上条目，或写 contents = false 不列入目录提要
issue-contents-type = contents 必须是文本（目录提要中的条目）或 false（不列入）
issue-source-empty = 来源是空的：不署来源就删掉这个键
issue-note-empty = 编者按是空的：不加编者按就删掉 note

# 各期的编号、日期、年份
series-named = 总第{ $total }期（{ $path }）
series-date-not-a-day = date 必须是日期，不带时间，如 2023-08-11
series-total-twice = 总第{ $total }期也是 { $other } 的总期号：每期的总期号各不相同，这一期大概应为 { $next }
series-one-missing = 缺少总第{ $total }期
series-several-missing = 缺少总第{ $first }–{ $last }期
series-gap = { $missing }：总第{ $total }期的前一期是{ $previous }；总期号要连续编排
series-number-does-not-follow = 第{ $number }期接不上{ $previous }（{ $year }年第{ $previous_number }期）：这一期应为第{ $expected }期
series-new-year = { $year }年的第一期应为第1期，而不是第{ $number }期（前一期{ $previous }属于{ $previous_year }年）
series-new-year-after-gap = 中间缺了 { $missing } 期，这一期作为{ $year }年的期应为第1期到第{ $last }期之一，而不是第{ $number }期（前一期{ $previous }属于{ $previous_year }年）
series-or-late-issue = ；如果这是{ $year }年晚出的一期，请加上 `year = { $year }`
series-year-back = 这一期算在{ $year }年，而{ $previous }已经算在{ $previous_year }年：年份不能倒退
series-date-not-after = 日期 { $date } 不晚于{ $previous }的日期（{ $previous_date }）：各期的日期必须逐期向后
series-year-not-the-dates = year { $year } 与日期 { $date } 不符：删掉 year，或改为 { $right }（新年初出版的一期只有在接续上一年编号时，才可以沿用上一年的年份）
