<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="format.py" line="12"/>
        <source>¥{amount}</source>
        <translation>{amount}元</translation>
    </message>
    <message>
        <location filename="format.py" line="16"/>
        <source>{month}/{day}/{year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <location filename="format.py" line="20"/>
        <location filename="format.py" line="24"/>
        <source>{month}/{year}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <location filename="format.py" line="28"/>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location filename="texts.py" line="17"/>
        <source>Pension eligibility check</source>
        <translation>待遇资格认证</translation>
    </message>
    <message>
        <location filename="texts.py" line="18"/>
        <source>Enrollment</source>
        <translation>参保登记</translation>
    </message>
    <message>
        <location filename="texts.py" line="19"/>
        <source>My insurance records</source>
        <translation>参保查询</translation>
    </message>
    <message>
        <location filename="texts.py" line="20"/>
        <source>Pay contributions</source>
        <translation>社保缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="21"/>
        <source>Print certificates</source>
        <translation>权益证明打印</translation>
    </message>
    <message>
        <location filename="texts.py" line="22"/>
        <source>Social security card</source>
        <translation>社保卡办理</translation>
    </message>
    <message>
        <location filename="texts.py" line="28"/>
        <source>Yearly proof of life to keep your pension paid</source>
        <translation>每年认证一次，养老金按时发放</translation>
    </message>
    <message>
        <location filename="texts.py" line="29"/>
        <source>Join resident pension or medical insurance</source>
        <translation>城乡居民养老、医疗保险登记</translation>
    </message>
    <message>
        <location filename="texts.py" line="30"/>
        <source>Status, contributions, account balance, payments</source>
        <translation>参保状态、缴费记录、账户余额、待遇发放</translation>
    </message>
    <message>
        <location filename="texts.py" line="31"/>
        <source>Pay by bank card or QR code</source>
        <translation>银行卡或扫码缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="32"/>
        <source>Contribution and pension certificates on A4</source>
        <translation>缴费证明、待遇证明，A4纸打印</translation>
    </message>
    <message>
        <location filename="texts.py" line="33"/>
        <source>New card, replacement, loss report, PIN</source>
        <translation>新办、补换、挂失、密码</translation>
    </message>
    <message>
        <location filename="texts.py" line="39"/>
        <source>Reading your card…</source>
        <translation>正在读卡，请稍候…</translation>
    </message>
    <message>
        <location filename="texts.py" line="40"/>
        <source>Checking your card…</source>
        <translation>正在核验社保卡…</translation>
    </message>
    <message>
        <location filename="texts.py" line="41"/>
        <source>Checking your PIN…</source>
        <translation>正在核验密码…</translation>
    </message>
    <message>
        <location filename="texts.py" line="42"/>
        <source>Fetching your records…</source>
        <translation>正在查询，请稍候…</translation>
    </message>
    <message>
        <location filename="texts.py" line="54"/>
        <source>No card in the reader</source>
        <translation>读卡器内没有卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="54"/>
        <source>Please insert your social security card.</source>
        <translation>请插入您的社保卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="57"/>
        <source>The card was taken out</source>
        <translation>社保卡已被取出</translation>
    </message>
    <message>
        <location filename="texts.py" line="57"/>
        <source>Please start again and leave the card in.</source>
        <translation>请重新开始，办理过程中请不要拔卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="60"/>
        <location filename="texts.py" line="68"/>
        <location filename="texts.py" line="72"/>
        <source>The card cannot be read</source>
        <translation>无法读取这张卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="61"/>
        <source>Wipe the gold chip, insert the card fully, chip side up, and try again.</source>
        <translation>请擦拭金色芯片，芯片朝上把卡完全插入后再试。</translation>
    </message>
    <message>
        <location filename="texts.py" line="64"/>
        <source>This is not a social security card</source>
        <translation>这不是社保卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="65"/>
        <source>Please insert your social security card. Bank cards are not accepted here.</source>
        <translation>请插入社保卡。此处不受理普通银行卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="69"/>
        <source>The chip gave an answer we cannot use. Please ask the staff for help.</source>
        <translation>芯片返回的信息无法识别，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="73"/>
        <source>The chip refused a request. Please ask the staff for help.</source>
        <translation>芯片拒绝了读取请求，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="76"/>
        <source>The card holds an invalid ID number</source>
        <translation>卡内身份证号码有误</translation>
    </message>
    <message>
        <location filename="texts.py" line="77"/>
        <location filename="texts.py" line="81"/>
        <location filename="texts.py" line="118"/>
        <source>Please take the card to the social security counter to have it checked.</source>
        <translation>请携带此卡到社保窗口核查。</translation>
    </message>
    <message>
        <location filename="texts.py" line="80"/>
        <source>The card holds no name</source>
        <translation>卡内没有姓名信息</translation>
    </message>
    <message>
        <location filename="texts.py" line="84"/>
        <source>This card has expired</source>
        <translation>这张社保卡已过有效期</translation>
    </message>
    <message>
        <location filename="texts.py" line="85"/>
        <source>Please apply for a new card at the social security counter.</source>
        <translation>请到社保窗口申请换卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="88"/>
        <source>This card has been reported lost</source>
        <translation>这张社保卡已挂失</translation>
    </message>
    <message>
        <location filename="texts.py" line="89"/>
        <source>It can no longer be used. If you found your card again, ask the staff for help.</source>
        <translation>挂失后的卡不能再使用。如果您找回了卡，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="92"/>
        <source>This card has been replaced</source>
        <translation>这张卡已被新卡替换</translation>
    </message>
    <message>
        <location filename="texts.py" line="93"/>
        <source>Please use your new card.</source>
        <translation>请使用您的新卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="96"/>
        <source>This card is not activated yet</source>
        <translation>这张卡还没有激活</translation>
    </message>
    <message>
        <location filename="texts.py" line="97"/>
        <source>Please activate it under Social security card.</source>
        <translation>请在“社保卡办理”中激活。</translation>
    </message>
    <message>
        <location filename="texts.py" line="100"/>
        <source>Your card PIN is locked</source>
        <translation>社保卡密码已锁定</translation>
    </message>
    <message>
        <location filename="texts.py" line="102"/>
        <source>The PIN was entered wrongly too many times. Bring your ID card to the social security counter or a bank branch counter to unlock it.</source>
        <translation>密码输错次数过多。请携带身份证到社保窗口或银行网点柜台解锁。</translation>
    </message>
    <message>
        <location filename="texts.py" line="107"/>
        <source>The PIN must have 6 digits</source>
        <translation>密码应为6位数字</translation>
    </message>
    <message>
        <location filename="texts.py" line="107"/>
        <location filename="texts.py" line="125"/>
        <source>Please start again.</source>
        <translation>请重新开始。</translation>
    </message>
    <message>
        <location filename="texts.py" line="110"/>
        <source>The card reader is not working</source>
        <translation>读卡器暂时不能使用</translation>
    </message>
    <message>
        <location filename="texts.py" line="110"/>
        <location filename="texts.py" line="114"/>
        <location filename="texts.py" line="149"/>
        <source>Please ask the staff for help.</source>
        <translation>请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="113"/>
        <source>This card is not known to the social security system</source>
        <translation>社保系统中查不到这张卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="117"/>
        <source>This card does not match its holder&apos;s records</source>
        <translation>这张卡与持卡人信息不一致</translation>
    </message>
    <message>
        <location filename="texts.py" line="121"/>
        <source>No social security records were found</source>
        <translation>没有查到您的社保信息</translation>
    </message>
    <message>
        <location filename="texts.py" line="122"/>
        <source>If you have not enrolled yet, choose Enrollment on the home screen.</source>
        <translation>如果您还没有参保，请在首页选择“参保登记”。</translation>
    </message>
    <message>
        <location filename="texts.py" line="125"/>
        <source>Your session has timed out</source>
        <translation>办理已超时</translation>
    </message>
    <message>
        <location filename="texts.py" line="128"/>
        <source>The social security system cannot be reached</source>
        <translation>暂时连不上社保系统</translation>
    </message>
    <message>
        <location filename="texts.py" line="129"/>
        <location filename="texts.py" line="133"/>
        <source>Nothing was changed. Please try again in a few minutes.</source>
        <translation>您的信息没有任何改动。请过几分钟再试。</translation>
    </message>
    <message>
        <location filename="texts.py" line="132"/>
        <source>The social security system is not answering</source>
        <translation>社保系统暂时没有响应</translation>
    </message>
    <message>
        <location filename="texts.py" line="136"/>
        <source>The social security system gave an answer we cannot use</source>
        <translation>社保系统返回的信息无法识别</translation>
    </message>
    <message>
        <location filename="texts.py" line="137"/>
        <source>Nothing was changed. Please try again later or ask the staff for help.</source>
        <translation>您的信息没有任何改动。请稍后再试，或联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="148"/>
        <source>This terminal is not accepted by the social security system</source>
        <translation>本机未通过社保系统认证</translation>
    </message>
    <message>
        <location filename="texts.py" line="152"/>
        <source>Something went wrong</source>
        <translation>出现了问题</translation>
    </message>
    <message>
        <location filename="texts.py" line="153"/>
        <source>Nothing was changed. Please try again or ask the staff for help.</source>
        <translation>您的信息没有任何改动。请再试一次，或联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="159"/>
        <source>You left the service.</source>
        <translation>您已退出办理。</translation>
    </message>
    <message>
        <location filename="texts.py" line="160"/>
        <source>The session ended because nobody was using the kiosk.</source>
        <translation>长时间无操作，办理已结束。</translation>
    </message>
    <message>
        <location filename="texts.py" line="161"/>
        <source>The card was taken out, so the session ended.</source>
        <translation>社保卡已取出，办理已结束。</translation>
    </message>
    <message>
        <location filename="texts.py" line="162"/>
        <source>The staff member logged out.</source>
        <translation>工作人员已退出登录。</translation>
    </message>
    <message>
        <location filename="texts.py" line="163"/>
        <source>The kiosk is shutting down.</source>
        <translation>设备正在关机。</translation>
    </message>
    <message>
        <location filename="texts.py" line="169"/>
        <source>Employees&apos; basic pension</source>
        <translation>职工基本养老保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="170"/>
        <source>Urban and rural residents&apos; pension</source>
        <translation>城乡居民基本养老保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="171"/>
        <source>Employees&apos; basic medical insurance</source>
        <translation>职工基本医疗保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="172"/>
        <source>Residents&apos; basic medical insurance</source>
        <translation>城乡居民基本医疗保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="173"/>
        <source>Unemployment insurance</source>
        <translation>失业保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="174"/>
        <source>Work injury insurance</source>
        <translation>工伤保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="180"/>
        <source>Insured</source>
        <translation>参保缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="181"/>
        <source>Suspended</source>
        <translation>暂停缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="182"/>
        <source>Receiving benefits</source>
        <translation>享受待遇</translation>
    </message>
    <message>
        <location filename="texts.py" line="183"/>
        <location filename="texts.py" line="200"/>
        <source>Not enrolled</source>
        <translation>未参保</translation>
    </message>
    <message>
        <location filename="texts.py" line="189"/>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <location filename="texts.py" line="190"/>
        <source>Unpaid</source>
        <translation>未缴</translation>
    </message>
    <message>
        <location filename="texts.py" line="191"/>
        <source>Paid late</source>
        <translation>补缴</translation>
    </message>
    <message>
        <location filename="texts.py" line="197"/>
        <source>Pensioner, check due</source>
        <translation>退休人员·待认证</translation>
    </message>
    <message>
        <location filename="texts.py" line="198"/>
        <source>Pensioner, checked</source>
        <translation>退休人员·已认证</translation>
    </message>
    <message>
        <location filename="texts.py" line="199"/>
        <source>Employee, 6 years paid</source>
        <translation>在职职工·缴费6年</translation>
    </message>
    <message>
        <location filename="texts.py" line="201"/>
        <source>Card reported lost</source>
        <translation>已挂失的卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="202"/>
        <source>Resident, one year unpaid</source>
        <translation>城乡居民·欠缴一年</translation>
    </message>
    <message>
        <location filename="texts.py" line="203"/>
        <source>Card expired</source>
        <translation>过期的卡</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="18"/>
        <source>Welcome. Touch the screen to start.</source>
        <translation>欢迎使用，请轻触屏幕开始。</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="21"/>
        <source>Social security services at your bank</source>
        <translation>社保业务 银行就近办</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="26"/>
        <source>Pension eligibility check, enrollment, records, payments, certificates and your social security card — here, without a queue.</source>
        <translation>资格认证、参保登记、查询、缴费、证明打印、社保卡办理——在这里自助办理，不用排队。</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="34"/>
        <source>Touch to start</source>
        <translation>轻触开始</translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="52"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="56"/>
        <source>Exit to home</source>
        <translation>退出回首页</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="25"/>
        <source>Please choose a service.</source>
        <translation>请选择要办理的业务。</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="26"/>
        <source>Please choose a service</source>
        <translation>请选择业务</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="32"/>
        <source>Coming soon</source>
        <translation>即将开通</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="21"/>
        <source>Please insert your social security card, chip side up</source>
        <translation>请插入社保卡，芯片朝上</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="54"/>
        <source>Please enter your 6-digit card PIN</source>
        <translation>请输入6位社保卡密码</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="60"/>
        <source>Hello, {name}</source>
        <translation>{name}，您好</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="63"/>
        <source>Cover the keypad with your other hand.</source>
        <translation>输入密码时，请用另一只手遮挡键盘。</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/identify.py" line="67"/>
        <source>Wrong PIN. %n try(ies) left before the card is locked.</source>
        <translation>
            <numerusform>密码错误，还可以再试%n次，输错将锁卡。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="86"/>
        <source>Please take your card</source>
        <translation>请取回您的社保卡</translation>
    </message>
    <message>
        <location filename="../screens/outcome.py" line="30"/>
        <source>Back to home</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <location filename="../screens/outcome.py" line="34"/>
        <source>Error code: {code}</source>
        <translation>错误代码：{code}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="33"/>
        <source>Insert card</source>
        <translation>插卡</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="33"/>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="33"/>
        <source>Your records</source>
        <translation>查询结果</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="78"/>
        <source>No records</source>
        <translation>暂无记录</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="97"/>
        <source>paid for the year</source>
        <translation>全年已缴</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/query.py" line="100"/>
        <source>%n month(s) paid</source>
        <translation>
            <numerusform>已缴%n个月</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="101"/>
        <source>{year} · {insurance} · {summary} · you paid {amount}</source>
        <translation>{year} · {insurance} · {summary} · 个人缴费{amount}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="123"/>
        <source>{year} · {insurance}</source>
        <translation>{year} · {insurance}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="131"/>
        <source>Back to years</source>
        <translation>返回年度列表</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="135"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="135"/>
        <source>Base</source>
        <translation>缴费基数</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="135"/>
        <source>You paid</source>
        <translation>个人缴费</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="135"/>
        <source>Employer paid</source>
        <translation>单位缴费</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="136"/>
        <source>To your account</source>
        <translation>划入个人账户</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="136"/>
        <location filename="../screens/query.py" line="232"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="179"/>
        <source>Here are your records. Touch a heading to see more.</source>
        <translation>这是您的查询结果，点击上方标题查看更多。</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="181"/>
        <source>{name} · ID {id_number}</source>
        <translation>{name} · 身份证号 {id_number}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="191"/>
        <source>Insurance status</source>
        <translation>参保状态</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="192"/>
        <source>Contributions</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="193"/>
        <source>Personal account</source>
        <translation>个人账户</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="194"/>
        <source>Benefit payments</source>
        <translation>待遇发放</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="213"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="232"/>
        <location filename="../screens/query.py" line="261"/>
        <location filename="../screens/query.py" line="279"/>
        <source>Insurance</source>
        <translation>险种</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="232"/>
        <source>Since</source>
        <translation>参保日期</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="232"/>
        <source>Region</source>
        <translation>参保地</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="244"/>
        <source>{insurance}: balance {amount}</source>
        <translation>{insurance}：余额 {amount}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="258"/>
        <source>As of {date}</source>
        <translation>截至{date}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="261"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="261"/>
        <source>Credited</source>
        <translation>当年记账</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="261"/>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="261"/>
        <source>Year-end balance</source>
        <translation>年末余额</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="275"/>
        <source>card ending {tail}</source>
        <translation>尾号{tail}的银行卡</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="279"/>
        <source>For month</source>
        <translation>待遇月份</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="279"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="279"/>
        <source>Paid on</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="279"/>
        <source>Paid to</source>
        <translation>发放账户</translation>
    </message>
    <message>
        <location filename="../shell.py" line="227"/>
        <location filename="../widgets/idle.py" line="37"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="26"/>
        <source>Social Security Self-Service</source>
        <translation>社保自助服务</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="34"/>
        <source>Switch language</source>
        <translation>切换语言</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="35"/>
        <source>Large text</source>
        <translation>长辈模式</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="62"/>
        <source>Demo card tray:</source>
        <translation>演示卡盒：</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="70"/>
        <source>Take card out</source>
        <translation>取出卡片</translation>
    </message>
    <message>
        <location filename="../widgets/idle.py" line="27"/>
        <source>Continue</source>
        <translation>继续办理</translation>
    </message>
    <message>
        <location filename="../widgets/idle.py" line="29"/>
        <source>End now</source>
        <translation>结束办理</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/idle.py" line="61"/>
        <source>For your privacy, the session will end in %n second(s) and your information will be cleared from the screen.</source>
        <translation>
            <numerusform>为保护您的隐私，%n秒后将结束办理并清除屏幕上的信息。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="42"/>
        <source>PIN entered so far</source>
        <translation>已输入的密码位数</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="56"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="55"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="57"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../widgets/step_bar.py" line="18"/>
        <source>{number}. {step}</source>
        <translation>{number}. {step}</translation>
    </message>
    <message>
        <location filename="../widgets/step_bar.py" line="22"/>
        <source>current step</source>
        <translation>当前步骤</translation>
    </message>
</context>
</TS>
