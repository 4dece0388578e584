<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="format.py" line="22"/>
        <source>¥{amount}</source>
        <translation>{amount}元</translation>
    </message>
    <message>
        <location filename="format.py" line="26"/>
        <source>{day} {month_name} {year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <location filename="format.py" line="39"/>
        <source>{month_name} {year}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <location filename="format.py" line="53"/>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location filename="format.py" line="59"/>
        <source>{day} {hour:02d}:{minute:02d}</source>
        <translation>{day} {hour:02d}:{minute:02d}</translation>
    </message>
    <message>
        <location filename="texts.py" line="18"/>
        <location filename="texts.py" line="82"/>
        <source>Pension eligibility check</source>
        <translation>待遇资格认证</translation>
    </message>
    <message>
        <location filename="texts.py" line="19"/>
        <location filename="texts.py" line="83"/>
        <source>Enrolment</source>
        <translation>参保登记</translation>
    </message>
    <message>
        <location filename="texts.py" line="20"/>
        <source>My insurance records</source>
        <translation>参保查询</translation>
    </message>
    <message>
        <location filename="texts.py" line="21"/>
        <source>Pay contributions</source>
        <translation>社保缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="22"/>
        <source>Print certificates</source>
        <translation>权益证明打印</translation>
    </message>
    <message>
        <location filename="texts.py" line="23"/>
        <source>Social security card</source>
        <translation>社保卡办理</translation>
    </message>
    <message>
        <location filename="texts.py" line="24"/>
        <location filename="../screens/receipts.py" line="135"/>
        <source>Check progress</source>
        <translation>查进度</translation>
    </message>
    <message>
        <location filename="texts.py" line="30"/>
        <source>Yearly proof of life to keep your pension paid</source>
        <translation>每年认证一次，养老金按时发放</translation>
    </message>
    <message>
        <location filename="texts.py" line="31"/>
        <source>Join the residents&apos; pension or medical insurance</source>
        <translation>城乡居民养老、医疗保险登记</translation>
    </message>
    <message>
        <location filename="texts.py" line="32"/>
        <source>Status, contributions, account balance, payments</source>
        <translation>参保状态、缴费记录、账户余额、待遇发放</translation>
    </message>
    <message>
        <location filename="texts.py" line="33"/>
        <source>Pay by bank card or QR code</source>
        <translation>银行卡或扫码缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="34"/>
        <source>Contribution and pension certificates on A4</source>
        <translation>缴费证明、待遇证明，A4纸打印</translation>
    </message>
    <message>
        <location filename="texts.py" line="35"/>
        <location filename="../screens/card.py" line="88"/>
        <location filename="../screens/card_loss.py" line="49"/>
        <location filename="../screens/card_loss.py" line="64"/>
        <source>Report a lost card</source>
        <translation>社保卡挂失</translation>
    </message>
    <message>
        <location filename="texts.py" line="36"/>
        <source>Track a request with its receipt number</source>
        <translation>凭受理编号查询办理进度</translation>
    </message>
    <message>
        <location filename="texts.py" line="43"/>
        <source>Works offline: receipt now, checked later</source>
        <translation>离线可办：先出回执，联网后核验</translation>
    </message>
    <message>
        <location filename="texts.py" line="44"/>
        <source>Works offline: provisional receipt</source>
        <translation>离线可办：出具临时回执</translation>
    </message>
    <message>
        <location filename="texts.py" line="45"/>
        <source>Works offline: sent first when back online</source>
        <translation>挂失离线可办，联网后优先发送</translation>
    </message>
    <message>
        <location filename="texts.py" line="46"/>
        <source>Works offline: for receipts from this kiosk</source>
        <translation>离线可查本机受理的业务</translation>
    </message>
    <message>
        <location filename="texts.py" line="47"/>
        <source>Needs the network: not available now</source>
        <translation>需要联网：暂不可办</translation>
    </message>
    <message>
        <location filename="texts.py" line="52"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="texts.py" line="53"/>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <location filename="texts.py" line="54"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="texts.py" line="55"/>
        <source>A4 printer</source>
        <translation>A4打印机</translation>
    </message>
    <message>
        <location filename="texts.py" line="56"/>
        <source>Receipt printer</source>
        <translation>凭条打印机</translation>
    </message>
    <message>
        <location filename="texts.py" line="57"/>
        <source>PIN pad</source>
        <translation>密码键盘</translation>
    </message>
    <message>
        <location filename="texts.py" line="58"/>
        <source>Card issuer</source>
        <translation>制卡机</translation>
    </message>
    <message>
        <location filename="texts.py" line="65"/>
        <source>Not available now: the card reader is out of order</source>
        <translation>暂不可用：读卡器故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="67"/>
        <source>Not available now: the ID card reader is out of order</source>
        <translation>暂不可用：身份证阅读器故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="69"/>
        <source>Not available now: the camera is out of order</source>
        <translation>暂不可用：摄像头故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="70"/>
        <source>Not available now: the printer is out of order</source>
        <translation>暂不可用：打印机故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="72"/>
        <source>Not available now: the receipt printer is out of order</source>
        <translation>暂不可用：凭条打印机故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="74"/>
        <source>Not available now: the PIN pad is out of order</source>
        <translation>暂不可用：密码键盘故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="75"/>
        <source>Not available now: cards cannot be made</source>
        <translation>暂不可用：暂时无法制卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="81"/>
        <source>Report of a lost social security card</source>
        <translation>社保卡挂失</translation>
    </message>
    <message>
        <location filename="texts.py" line="84"/>
        <source>Contribution payment</source>
        <translation>社保缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="85"/>
        <source>Activation of a social security card</source>
        <translation>社保卡启用</translation>
    </message>
    <message>
        <location filename="texts.py" line="86"/>
        <source>Social security card made at a kiosk</source>
        <translation>自助制卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="87"/>
        <source>Application for a social security card</source>
        <translation>社保卡申领</translation>
    </message>
    <message>
        <location filename="texts.py" line="88"/>
        <source>Request</source>
        <translation>业务申请</translation>
    </message>
    <message>
        <location filename="texts.py" line="93"/>
        <location filename="../staff/sync.py" line="89"/>
        <source>Waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <location filename="texts.py" line="94"/>
        <source>Processed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="texts.py" line="95"/>
        <source>Being checked by staff</source>
        <translation>人工审核中</translation>
    </message>
    <message>
        <location filename="texts.py" line="96"/>
        <source>Not accepted</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="texts.py" line="102"/>
        <source>Reading your card…</source>
        <translation>正在读卡，请稍候…</translation>
    </message>
    <message>
        <location filename="texts.py" line="103"/>
        <source>Checking your card…</source>
        <translation>正在核验社保卡…</translation>
    </message>
    <message>
        <location filename="texts.py" line="104"/>
        <source>Checking your PIN…</source>
        <translation>正在核验密码…</translation>
    </message>
    <message>
        <location filename="texts.py" line="105"/>
        <source>Fetching your records…</source>
        <translation>正在查询，请稍候…</translation>
    </message>
    <message>
        <location filename="texts.py" line="106"/>
        <source>Sending your request…</source>
        <translation>正在提交您的申请…</translation>
    </message>
    <message>
        <location filename="texts.py" line="107"/>
        <source>Looking up your receipt…</source>
        <translation>正在查询您的回执…</translation>
    </message>
    <message>
        <location filename="texts.py" line="108"/>
        <source>Checking your pension status…</source>
        <translation>正在查询您的待遇状态…</translation>
    </message>
    <message>
        <location filename="texts.py" line="109"/>
        <location filename="../technician/camera.py" line="30"/>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <location filename="texts.py" line="110"/>
        <source>Preparing your certificate…</source>
        <translation>正在生成您的证明…</translation>
    </message>
    <message>
        <location filename="texts.py" line="111"/>
        <source>Reading your ID card…</source>
        <translation>正在读取您的身份证…</translation>
    </message>
    <message>
        <location filename="texts.py" line="112"/>
        <source>Checking your insurance records…</source>
        <translation>正在查询您的参保记录…</translation>
    </message>
    <message>
        <location filename="texts.py" line="113"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="texts.py" line="114"/>
        <source>Looking up what you can pay…</source>
        <translation>正在查询可缴费项目…</translation>
    </message>
    <message>
        <location filename="texts.py" line="115"/>
        <source>Preparing your payment…</source>
        <translation>正在生成缴费订单…</translation>
    </message>
    <message>
        <location filename="texts.py" line="116"/>
        <source>Reading the bank account on your card…</source>
        <translation>正在读取社保卡银行账户…</translation>
    </message>
    <message>
        <location filename="texts.py" line="117"/>
        <source>Paying from your bank account…</source>
        <translation>正在从银行账户扣款…</translation>
    </message>
    <message>
        <location filename="texts.py" line="118"/>
        <source>Recording your contribution…</source>
        <translation>正在确认缴费入账…</translation>
    </message>
    <message>
        <location filename="texts.py" line="119"/>
        <source>Cancelling the payment…</source>
        <translation>正在取消缴费…</translation>
    </message>
    <message>
        <location filename="texts.py" line="120"/>
        <source>Checking your application…</source>
        <translation>正在审核您的申请…</translation>
    </message>
    <message>
        <location filename="texts.py" line="121"/>
        <source>Putting the unfinished card away…</source>
        <translation>正在回收未完成的卡片…</translation>
    </message>
    <message>
        <location filename="texts.py" line="122"/>
        <source>Changing your PIN…</source>
        <translation>正在修改密码…</translation>
    </message>
    <message>
        <location filename="texts.py" line="123"/>
        <source>Activating your card…</source>
        <translation>正在启用社保卡…</translation>
    </message>
    <message>
        <location filename="texts.py" line="138"/>
        <source>No card in the reader</source>
        <translation>读卡器内没有卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="138"/>
        <source>Please insert your social security card.</source>
        <translation>请插入您的社保卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="141"/>
        <source>The card was taken out</source>
        <translation>社保卡已被取出</translation>
    </message>
    <message>
        <location filename="texts.py" line="141"/>
        <source>Please start again and leave the card in.</source>
        <translation>请重新开始，办理过程中请不要拔卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="144"/>
        <location filename="texts.py" line="152"/>
        <location filename="texts.py" line="156"/>
        <location filename="texts.py" line="472"/>
        <source>The card cannot be read</source>
        <translation>无法读取这张卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="145"/>
        <source>Wipe the gold chip, insert the card fully, chip side up, and try again.</source>
        <translation>请擦拭金色芯片，芯片朝上把卡完全插入后再试。</translation>
    </message>
    <message>
        <location filename="texts.py" line="148"/>
        <source>This is not a social security card</source>
        <translation>这不是社保卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="149"/>
        <source>Please insert your social security card. Bank cards are not accepted here.</source>
        <translation>请插入社保卡。此处不受理普通银行卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="153"/>
        <source>The chip gave an answer we cannot use. Please ask the staff for help.</source>
        <translation>芯片返回的信息无法识别，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="157"/>
        <source>The chip refused a request. Please ask the staff for help.</source>
        <translation>芯片拒绝了读取请求，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="160"/>
        <source>The ID number on this card is not valid</source>
        <translation>卡内身份证号码有误</translation>
    </message>
    <message>
        <location filename="texts.py" line="161"/>
        <location filename="texts.py" line="165"/>
        <location filename="texts.py" line="214"/>
        <source>Please take the card to the social security counter to have it checked.</source>
        <translation>请携带此卡到社保窗口核查。</translation>
    </message>
    <message>
        <location filename="texts.py" line="164"/>
        <source>There is no name stored on this card</source>
        <translation>卡内没有姓名信息</translation>
    </message>
    <message>
        <location filename="texts.py" line="168"/>
        <source>This card has expired</source>
        <translation>这张社保卡已过有效期</translation>
    </message>
    <message>
        <location filename="texts.py" line="169"/>
        <source>Please apply for a new card at the social security counter.</source>
        <translation>请到社保窗口申请换卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="172"/>
        <source>This card has been reported lost</source>
        <translation>这张社保卡已挂失</translation>
    </message>
    <message>
        <location filename="texts.py" line="178"/>
        <source>It can no longer be used. Please apply for a replacement card at the social security counter. If it was reported lost by mistake, ask the staff for help.</source>
        <translation>此卡已不能使用，请到社保窗口申请补卡。如果是误挂失，请向工作人员求助。</translation>
    </message>
    <message>
        <location filename="texts.py" line="183"/>
        <source>This card has been replaced</source>
        <translation>这张卡已被新卡替换</translation>
    </message>
    <message>
        <location filename="texts.py" line="184"/>
        <source>Please use your new card.</source>
        <translation>请使用您的新卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="187"/>
        <source>This card is not activated yet</source>
        <translation>这张卡还没有激活</translation>
    </message>
    <message>
        <location filename="texts.py" line="189"/>
        <source>Please take it and your ID card to the social security counter to activate it.</source>
        <translation>请带上此卡和身份证，到社保窗口办理激活。</translation>
    </message>
    <message>
        <location filename="texts.py" line="192"/>
        <source>Your card PIN is locked</source>
        <translation>社保卡密码已锁定</translation>
    </message>
    <message>
        <location filename="texts.py" line="198"/>
        <source>The PIN was entered wrongly too many times. Please take your card and ID card to the social security counter to set a new PIN.</source>
        <translation>密码输错次数过多。请带上社保卡和身份证，到社保窗口重设密码。</translation>
    </message>
    <message>
        <location filename="texts.py" line="203"/>
        <source>The PIN must have 6 digits</source>
        <translation>密码应为6位数字</translation>
    </message>
    <message>
        <location filename="texts.py" line="203"/>
        <location filename="texts.py" line="222"/>
        <location filename="texts.py" line="282"/>
        <source>Please start again.</source>
        <translation>请重新开始。</translation>
    </message>
    <message>
        <location filename="texts.py" line="206"/>
        <source>The card reader is not working</source>
        <translation>读卡器暂时不能使用</translation>
    </message>
    <message>
        <location filename="texts.py" line="206"/>
        <location filename="texts.py" line="210"/>
        <location filename="texts.py" line="275"/>
        <location filename="texts.py" line="285"/>
        <location filename="texts.py" line="509"/>
        <location filename="texts.py" line="520"/>
        <location filename="texts.py" line="528"/>
        <source>Please ask the staff for help.</source>
        <translation>请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="209"/>
        <source>This card is not known to the social security system</source>
        <translation>社保系统中查不到这张卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="213"/>
        <source>This card does not match its holder&apos;s records</source>
        <translation>这张卡与持卡人信息不一致</translation>
    </message>
    <message>
        <location filename="texts.py" line="217"/>
        <source>No social security records were found</source>
        <translation>没有查到您的社保信息</translation>
    </message>
    <message>
        <location filename="texts.py" line="219"/>
        <source>If you have not enrolled yet, please enrol at the social security counter.</source>
        <translation>如果您还没有参保，请到社保窗口办理参保登记。</translation>
    </message>
    <message>
        <location filename="texts.py" line="222"/>
        <source>Your session has timed out</source>
        <translation>办理已超时</translation>
    </message>
    <message>
        <location filename="texts.py" line="225"/>
        <location filename="texts.py" line="543"/>
        <source>The social security system cannot be reached</source>
        <translation>暂时连不上社保系统</translation>
    </message>
    <message>
        <location filename="texts.py" line="226"/>
        <location filename="texts.py" line="230"/>
        <source>Nothing was changed. Please try again in a few minutes.</source>
        <translation>您的信息没有任何改动。请过几分钟再试。</translation>
    </message>
    <message>
        <location filename="texts.py" line="229"/>
        <source>The social security system is not answering</source>
        <translation>社保系统暂时没有响应</translation>
    </message>
    <message>
        <location filename="texts.py" line="233"/>
        <source>There is no active card to report lost</source>
        <translation>没有可挂失的在用社保卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="234"/>
        <source>Your card may already be reported lost or replaced. Please ask the staff for help.</source>
        <translation>您的卡可能已挂失或已补换。请向工作人员求助。</translation>
    </message>
    <message>
        <location filename="texts.py" line="237"/>
        <location filename="texts.py" line="244"/>
        <source>The details do not match our records</source>
        <translation>信息与登记记录不符</translation>
    </message>
    <message>
        <location filename="texts.py" line="239"/>
        <source>The mobile number is not the one registered with us. Nothing was changed. Please try again, call 12333 or ask the staff for help.</source>
        <translation>该手机号码不是您登记的号码，未做任何更改。请重试，或拨打12333，或向工作人员求助。</translation>
    </message>
    <message>
        <location filename="texts.py" line="245"/>
        <location filename="texts.py" line="481"/>
        <source>Nothing was changed. Please ask the staff for help.</source>
        <translation>未做任何更改。请向工作人员求助。</translation>
    </message>
    <message>
        <location filename="texts.py" line="248"/>
        <source>No pension is paid to this cardholder</source>
        <translation>此卡没有领取养老金</translation>
    </message>
    <message>
        <location filename="texts.py" line="249"/>
        <source>The yearly check is only for people who receive a pension. Ask the staff if unsure.</source>
        <translation>年度资格认证仅适用于领取养老金的人员。如有疑问请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="252"/>
        <location filename="texts.py" line="369"/>
        <location filename="texts.py" line="531"/>
        <location filename="texts.py" line="535"/>
        <source>The face check did not succeed</source>
        <translation>人脸认证未成功</translation>
    </message>
    <message>
        <location filename="texts.py" line="253"/>
        <location filename="texts.py" line="257"/>
        <source>Please ask the staff for help: they can do the check for you at the counter.</source>
        <translation>请向工作人员求助，可在柜台为您办理认证。</translation>
    </message>
    <message>
        <location filename="texts.py" line="256"/>
        <source>The photo does not match the one on file</source>
        <translation>照片与档案照片不一致</translation>
    </message>
    <message>
        <location filename="texts.py" line="260"/>
        <source>No face could be seen in the photo</source>
        <translation>照片中未能识别到人脸</translation>
    </message>
    <message>
        <location filename="texts.py" line="261"/>
        <source>Please try again, facing the screen in good light.</source>
        <translation>请在光线充足处面对屏幕重试。</translation>
    </message>
    <message>
        <location filename="texts.py" line="264"/>
        <source>Staff could not confirm the check</source>
        <translation>工作人员未能确认本次认证</translation>
    </message>
    <message>
        <location filename="texts.py" line="265"/>
        <source>Please come to the social security counter with your ID card.</source>
        <translation>请携带身份证到社保窗口办理。</translation>
    </message>
    <message>
        <location filename="texts.py" line="268"/>
        <source>Staff are comparing your photo</source>
        <translation>工作人员正在比对您的照片</translation>
    </message>
    <message>
        <location filename="texts.py" line="268"/>
        <source>You do not need to do anything now.</source>
        <translation>您现在无需做任何事。</translation>
    </message>
    <message>
        <location filename="texts.py" line="271"/>
        <source>There is no photo of you on file yet</source>
        <translation>档案中暂无您的照片</translation>
    </message>
    <message>
        <location filename="texts.py" line="272"/>
        <source>Staff are checking your photo. You do not need to do anything now.</source>
        <translation>工作人员正在核对您的照片，您现在无需做任何事。</translation>
    </message>
    <message>
        <location filename="texts.py" line="289"/>
        <source>Nothing was changed. You can see your records here.</source>
        <translation>没有做任何更改。您可以在这里查看参保记录。</translation>
    </message>
    <message>
        <location filename="texts.py" line="290"/>
        <source>Nothing was changed.</source>
        <translation>没有做任何更改。</translation>
    </message>
    <message>
        <location filename="texts.py" line="309"/>
        <source>The receipt printer is out of paper</source>
        <translation>凭条打印机缺纸</translation>
    </message>
    <message>
        <location filename="texts.py" line="310"/>
        <source>Nothing was paid or sent. Please ask the staff to load paper, or use another kiosk.</source>
        <translation>未扣款，也未提交任何业务。请联系工作人员加纸，或使用其他终端。</translation>
    </message>
    <message>
        <location filename="texts.py" line="313"/>
        <source>The receipt printer is not working</source>
        <translation>凭条打印机故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="314"/>
        <source>Nothing was paid or sent. Please ask the staff for help.</source>
        <translation>未扣款，也未提交任何业务。请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="317"/>
        <source>The time to pay has run out</source>
        <translation>支付已超时</translation>
    </message>
    <message>
        <location filename="texts.py" line="322"/>
        <source>Nothing was paid. Please start again if you still want to pay.</source>
        <translation>没有扣款。如仍需缴费，请重新办理。</translation>
    </message>
    <message>
        <location filename="texts.py" line="321"/>
        <source>The payment was cancelled</source>
        <translation>缴费已取消</translation>
    </message>
    <message>
        <location filename="texts.py" line="174"/>
        <source>It can no longer be used. You can get a replacement card here now. If it was reported lost by mistake, ask the staff for help.</source>
        <translation>这张卡已不能使用。您现在就可以在这里补换新卡。如果是误挂失，请向工作人员求助。</translation>
    </message>
    <message>
        <location filename="texts.py" line="188"/>
        <source>You can activate it here now with your ID card.</source>
        <translation>您现在就可以在这里用身份证激活。</translation>
    </message>
    <message>
        <location filename="texts.py" line="194"/>
        <source>The wrong PIN was entered too many times. You can set a new PIN here now with your ID card and a face check.</source>
        <translation>密码输错次数太多。您现在就可以在这里用身份证和刷脸重设密码。</translation>
    </message>
    <message>
        <location filename="texts.py" line="218"/>
        <source>If you have not enrolled yet, you can enrol here now.</source>
        <translation>如果您还没有参保，现在就可以在这里参保登记。</translation>
    </message>
    <message>
        <location filename="texts.py" line="325"/>
        <source>This has already been paid</source>
        <translation>该项目已缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="326"/>
        <source>Nothing more was charged. You can see your receipt under Check progress.</source>
        <translation>没有重复扣款。可在“查进度”中查看回执。</translation>
    </message>
    <message>
        <location filename="texts.py" line="327"/>
        <source>Nothing more was charged. Please ask the staff if you need the receipt.</source>
        <translation>没有重复扣费。如需回执，请找工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="330"/>
        <source>This can no longer be paid here</source>
        <translation>该项目当前无法缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="331"/>
        <source>It may already have been paid elsewhere. Nothing was charged. Please start again.</source>
        <translation>可能已在其他渠道缴纳，本次没有扣款。请重新办理。</translation>
    </message>
    <message>
        <location filename="texts.py" line="334"/>
        <source>The payment could not be completed</source>
        <translation>缴费未能完成</translation>
    </message>
    <message>
        <location filename="texts.py" line="336"/>
        <source>If money was taken from your account, it will be recorded automatically and nothing will be lost. Please check My insurance records later, or ask the staff.</source>
        <translation>如账户已扣款，系统会自动入账，不会丢失。请稍后在“参保查询”中查看，或咨询工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="342"/>
        <source>The bank PIN was wrong</source>
        <translation>银行密码错误</translation>
    </message>
    <message>
        <location filename="texts.py" line="342"/>
        <source>Nothing was paid. Please start again.</source>
        <translation>没有扣款。请重新办理。</translation>
    </message>
    <message>
        <location filename="texts.py" line="345"/>
        <source>Your bank PIN is locked for this payment</source>
        <translation>本次缴费的银行密码已锁定</translation>
    </message>
    <message>
        <location filename="texts.py" line="346"/>
        <location filename="texts.py" line="350"/>
        <source>Nothing was paid. Pay by QR code instead, or ask at the bank counter.</source>
        <translation>没有扣款。请改用扫码支付，或到银行柜台咨询。</translation>
    </message>
    <message>
        <location filename="texts.py" line="349"/>
        <source>The bank does not recognise this card&apos;s account</source>
        <translation>银行无法识别该卡的账户</translation>
    </message>
    <message>
        <location filename="texts.py" line="353"/>
        <source>This card cannot be used to pay</source>
        <translation>该卡不能用于支付</translation>
    </message>
    <message>
        <location filename="texts.py" line="354"/>
        <source>Nothing was paid. This card has no bank account. Please pay by QR code instead.</source>
        <translation>没有扣款。该卡未开通金融功能，请改用扫码支付。</translation>
    </message>
    <message>
        <location filename="texts.py" line="357"/>
        <source>This card is already activated</source>
        <translation>这张卡已经启用</translation>
    </message>
    <message>
        <location filename="texts.py" line="358"/>
        <source>You can use it now. To change its PIN, choose Change your card PIN.</source>
        <translation>可以直接使用。如需修改密码，请选择“修改社保卡密码”。</translation>
    </message>
    <message>
        <location filename="texts.py" line="359"/>
        <source>You can use it now.</source>
        <translation>现在就可以使用。</translation>
    </message>
    <message>
        <location filename="texts.py" line="362"/>
        <source>A card can only be made when the kiosk is online</source>
        <translation>本机离线，暂不能制卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="364"/>
        <source>Nothing was done. Please try again later. If your card is lost, you can report it lost now.</source>
        <translation>未办理任何业务。请稍后再试；如卡片丢失，可先挂失。</translation>
    </message>
    <message>
        <location filename="texts.py" line="370"/>
        <source>Nothing was done. Please ask the staff for help.</source>
        <translation>未办理任何业务。请联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="373"/>
        <source>Your face does not match the photo on file</source>
        <translation>人脸与档案照片不符</translation>
    </message>
    <message>
        <location filename="texts.py" line="374"/>
        <source>Nothing was done. Please apply at the social security counter.</source>
        <translation>未办理任何业务。请到社保窗口办理。</translation>
    </message>
    <message>
        <location filename="texts.py" line="377"/>
        <source>There is no photo of you on file</source>
        <translation>档案中没有您的照片</translation>
    </message>
    <message>
        <location filename="texts.py" line="378"/>
        <source>A card can be made here only with a photo on file. Please ask at the counter.</source>
        <translation>需有档案照片才能在本机制卡，请到窗口咨询。</translation>
    </message>
    <message>
        <location filename="texts.py" line="381"/>
        <source>You are not enrolled yet</source>
        <translation>您尚未参保</translation>
    </message>
    <message>
        <location filename="texts.py" line="383"/>
        <source>Nothing was done. Please enrol at the social security counter first.</source>
        <translation>没有办理任何业务。请先到社保窗口办理参保登记。</translation>
    </message>
    <message>
        <location filename="texts.py" line="386"/>
        <source>You already have a card</source>
        <translation>您已有社保卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="389"/>
        <source>Nothing was done. If it is lost or damaged, please apply for a replacement at the social security counter.</source>
        <translation>没有办理任何业务。如果卡丢失或损坏，请到社保窗口申请补换卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="394"/>
        <source>Your card has not been reported lost</source>
        <translation>您的社保卡尚未挂失</translation>
    </message>
    <message>
        <location filename="texts.py" line="395"/>
        <source>Please report it lost first. If it is damaged, choose that option instead.</source>
        <translation>请先挂失，或选择“卡片损坏”。</translation>
    </message>
    <message>
        <location filename="texts.py" line="396"/>
        <source>Please report it lost at the social security counter, or choose that it is damaged.</source>
        <translation>请先到社保窗口挂失，或者选择“卡片损坏”。</translation>
    </message>
    <message>
        <location filename="texts.py" line="399"/>
        <source>The card could not be made</source>
        <translation>制卡失败</translation>
    </message>
    <message>
        <location filename="texts.py" line="401"/>
        <source>The chip could not be written to. The spoiled card was kept by the machine and its number cancelled. Please try again or ask the staff.</source>
        <translation>芯片写入失败。废卡已由机器回收，卡号已作废。请重试或联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="406"/>
        <source>The card machine is jammed</source>
        <translation>制卡设备卡住了</translation>
    </message>
    <message>
        <location filename="texts.py" line="407"/>
        <source>Any unfinished card stays in the machine and is cancelled. Please use another kiosk.</source>
        <translation>未完成的卡片留在机内并已作废。请使用其他终端。</translation>
    </message>
    <message>
        <location filename="texts.py" line="410"/>
        <source>This kiosk has no blank cards left</source>
        <translation>本机空白卡已用完</translation>
    </message>
    <message>
        <location filename="texts.py" line="411"/>
        <source>Nothing was done. Please ask the staff, or use another kiosk.</source>
        <translation>未办理任何业务。请联系工作人员，或使用其他终端。</translation>
    </message>
    <message>
        <location filename="texts.py" line="414"/>
        <source>The card could not be finished</source>
        <translation>卡片未能制作完成</translation>
    </message>
    <message>
        <location filename="texts.py" line="415"/>
        <source>The unfinished card was kept by the machine and cancelled. Please start again.</source>
        <translation>未完成的卡片已由机器回收并作废。请重新办理。</translation>
    </message>
    <message>
        <location filename="texts.py" line="445"/>
        <source>The technician number or PIN is not right</source>
        <translation>技术人员工号或密码不正确</translation>
    </message>
    <message>
        <location filename="texts.py" line="446"/>
        <source>Nothing was changed. Check the number and the PIN, or ask your service desk.</source>
        <translation>没有做任何更改。请核对工号和密码，或联系运维服务台。</translation>
    </message>
    <message>
        <location filename="texts.py" line="449"/>
        <source>The staff number or PIN is not right</source>
        <translation>工号或密码不正确</translation>
    </message>
    <message>
        <location filename="texts.py" line="450"/>
        <source>Nothing was changed. Check the number and the PIN, or ask your branch.</source>
        <translation>未做任何更改。请核对工号和密码，或联系所在网点。</translation>
    </message>
    <message>
        <location filename="texts.py" line="453"/>
        <source>This card application is already closed</source>
        <translation>这份办卡申请已经结束</translation>
    </message>
    <message>
        <location filename="texts.py" line="454"/>
        <location filename="texts.py" line="469"/>
        <source>Please start again from the beginning, or ask the staff for help.</source>
        <translation>请从头重新办理，或请工作人员帮忙。</translation>
    </message>
    <message>
        <location filename="texts.py" line="457"/>
        <source>Your card is already being made</source>
        <translation>您的社保卡正在制作中</translation>
    </message>
    <message>
        <location filename="texts.py" line="459"/>
        <source>Nothing was done: you applied for a card before, and the branch is making it. You can see how it is going under Check progress.</source>
        <translation>本次未办理：您之前已申领社保卡，网点正在制卡。可在“查进度”中查看办理情况。</translation>
    </message>
    <message>
        <location filename="texts.py" line="463"/>
        <source>Nothing was done: you applied for a card before, and the branch is making it. Please ask the staff how it is going.</source>
        <translation>本次未办理：您之前已申领社保卡，网点正在制卡。办理情况请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="468"/>
        <source>This card application is not on record</source>
        <translation>查不到这份办卡申请</translation>
    </message>
    <message>
        <location filename="texts.py" line="473"/>
        <source>Please take the card out, insert it again, and try once more.</source>
        <translation>请取出卡片，重新插入后再试一次。</translation>
    </message>
    <message>
        <location filename="texts.py" line="476"/>
        <source>This certificate is not on record</source>
        <translation>查不到这份证明</translation>
    </message>
    <message>
        <location filename="texts.py" line="477"/>
        <source>Please check the verification code, or ask the staff for help.</source>
        <translation>请核对验证码，或请工作人员帮忙。</translation>
    </message>
    <message>
        <location filename="texts.py" line="480"/>
        <location filename="texts.py" line="484"/>
        <location filename="texts.py" line="547"/>
        <location filename="texts.py" line="551"/>
        <source>The social security system did not accept the request</source>
        <translation>社保系统没有受理这次请求</translation>
    </message>
    <message>
        <location filename="texts.py" line="485"/>
        <location filename="texts.py" line="548"/>
        <location filename="texts.py" line="552"/>
        <source>Nothing was changed. Please try again, or ask the staff for help.</source>
        <translation>没有做任何更改。请再试一次，或请工作人员帮忙。</translation>
    </message>
    <message>
        <location filename="texts.py" line="488"/>
        <source>This payment is not on record</source>
        <translation>查不到这笔缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="489"/>
        <source>Nothing was charged. Please start the payment again.</source>
        <translation>没有扣款。请重新开始缴费。</translation>
    </message>
    <message>
        <location filename="texts.py" line="492"/>
        <source>This payment cannot be made that way</source>
        <translation>这笔缴费不能用这种方式支付</translation>
    </message>
    <message>
        <location filename="texts.py" line="493"/>
        <source>Nothing was charged. Please start again and choose another way to pay.</source>
        <translation>没有扣款。请重新开始，并选择其他支付方式。</translation>
    </message>
    <message>
        <location filename="texts.py" line="496"/>
        <source>The payment does not match the order</source>
        <translation>付款与订单不一致</translation>
    </message>
    <message>
        <location filename="texts.py" line="497"/>
        <source>Please keep your receipt and ask the staff to check the payment.</source>
        <translation>请保留凭条，并请工作人员核对这笔付款。</translation>
    </message>
    <message>
        <location filename="texts.py" line="512"/>
        <source>The PIN pad is not working</source>
        <translation>密码键盘故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="513"/>
        <source>Nothing was paid. Pay by QR code instead, or ask the staff for help.</source>
        <translation>没有扣款。请改用扫码支付，或联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="516"/>
        <source>Cards cannot be made at this kiosk right now</source>
        <translation>本机暂时不能制卡</translation>
    </message>
    <message>
        <location filename="texts.py" line="517"/>
        <source>Nothing was charged and no card was used. Please ask the staff, or use another kiosk.</source>
        <translation>未收取费用，也未使用卡片。请联系工作人员，或使用其他终端。</translation>
    </message>
    <message>
        <location filename="texts.py" line="520"/>
        <source>The camera is not working</source>
        <translation>摄像头无法使用</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="159"/>
        <source>Enrolled, no card yet</source>
        <translation>已参保·未办卡</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="160"/>
        <source>New card, not activated</source>
        <translation>新卡·未激活</translation>
    </message>
    <message>
        <location filename="texts.py" line="275"/>
        <source>The camera picture has stopped</source>
        <translation>摄像头画面已停止</translation>
    </message>
    <message>
        <location filename="texts.py" line="278"/>
        <source>This ID card has expired</source>
        <translation>此身份证已过期</translation>
    </message>
    <message>
        <location filename="texts.py" line="279"/>
        <source>Please renew your ID card at the police station first.</source>
        <translation>请先到公安机关换领身份证。</translation>
    </message>
    <message>
        <location filename="texts.py" line="282"/>
        <source>No ID card was placed on the reader</source>
        <translation>读卡器上没有身份证</translation>
    </message>
    <message>
        <location filename="texts.py" line="285"/>
        <source>The ID card cannot be used</source>
        <translation>此身份证无法使用</translation>
    </message>
    <message>
        <location filename="texts.py" line="288"/>
        <source>You are already enrolled</source>
        <translation>您已参保</translation>
    </message>
    <message>
        <location filename="texts.py" line="293"/>
        <source>You cannot enrol here</source>
        <translation>无法在本机参保登记</translation>
    </message>
    <message>
        <location filename="texts.py" line="294"/>
        <source>Your details do not meet the enrolment rules. Please ask the staff for help.</source>
        <translation>您的信息不符合参保条件，请向工作人员咨询。</translation>
    </message>
    <message>
        <location filename="texts.py" line="297"/>
        <source>The printer is out of paper</source>
        <translation>打印机缺纸</translation>
    </message>
    <message>
        <location filename="texts.py" line="298"/>
        <source>Nothing was issued. Please ask the staff to load paper, or use another kiosk.</source>
        <translation>未出具任何证明。请工作人员加纸，或使用其他自助机。</translation>
    </message>
    <message>
        <location filename="texts.py" line="301"/>
        <location filename="texts.py" line="305"/>
        <location filename="texts.py" line="509"/>
        <source>The printer is not working</source>
        <translation>打印机无法使用</translation>
    </message>
    <message>
        <location filename="texts.py" line="302"/>
        <location filename="texts.py" line="306"/>
        <source>Nothing was issued. Please ask the staff for help.</source>
        <translation>未出具任何证明。请向工作人员求助。</translation>
    </message>
    <message>
        <location filename="texts.py" line="318"/>
        <source>Nothing was paid. You can get a new QR code and pay now.</source>
        <translation>没有扣款。您可以重新生成付款码，现在缴费。</translation>
    </message>
    <message>
        <location filename="texts.py" line="382"/>
        <source>Nothing was done. Please enrol first, then get your card.</source>
        <translation>没有办理任何业务。请先参保登记，再办卡。</translation>
    </message>
    <message>
        <location filename="texts.py" line="387"/>
        <source>Nothing was done. If it is lost or damaged, you can get a replacement here.</source>
        <translation>没有办理任何业务。如果卡丢了或坏了，可以在这里补换。</translation>
    </message>
    <message>
        <location filename="texts.py" line="418"/>
        <source>This certificate cannot be issued for you</source>
        <translation>无法为您出具此证明</translation>
    </message>
    <message>
        <location filename="texts.py" line="419"/>
        <source>Please ask the staff which certificate you need.</source>
        <translation>请向工作人员咨询您需要的证明。</translation>
    </message>
    <message>
        <location filename="texts.py" line="422"/>
        <source>No request was found with this receipt number</source>
        <translation>没有找到该受理编号</translation>
    </message>
    <message>
        <location filename="texts.py" line="424"/>
        <source>Please check the number. A request accepted offline at another kiosk can only be found once that kiosk has sent it.</source>
        <translation>请核对编号。在其他终端离线受理的业务，要等该终端发送后才能查到。</translation>
    </message>
    <message>
        <location filename="texts.py" line="429"/>
        <location filename="texts.py" line="433"/>
        <source>The kiosk cannot take more offline requests</source>
        <translation>本机暂时无法再受理离线业务</translation>
    </message>
    <message>
        <location filename="texts.py" line="430"/>
        <location filename="texts.py" line="434"/>
        <source>Nothing was saved. Please ask the staff for help, or try again later.</source>
        <translation>未保存任何内容。请向工作人员求助，或稍后再试。</translation>
    </message>
    <message>
        <location filename="texts.py" line="437"/>
        <source>This service needs a connection to the social security system</source>
        <translation>此业务需要连接社保系统</translation>
    </message>
    <message>
        <location filename="texts.py" line="438"/>
        <source>The kiosk is offline. Please try again when it is back online.</source>
        <translation>本机目前离线，请在恢复联网后再试。</translation>
    </message>
    <message>
        <location filename="texts.py" line="441"/>
        <source>The social security system gave an answer we cannot use</source>
        <translation>社保系统返回的信息无法识别</translation>
    </message>
    <message>
        <location filename="texts.py" line="442"/>
        <source>Nothing was changed. Please try again later or ask the staff for help.</source>
        <translation>您的信息没有任何改动。请稍后再试，或联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="505"/>
        <source>The ID card could not be read</source>
        <translation>无法读取身份证</translation>
    </message>
    <message>
        <location filename="texts.py" line="506"/>
        <source>Place it flat on the reader and try again, or ask the staff for help.</source>
        <translation>请将身份证平放在读卡区后重试，或向工作人员求助。</translation>
    </message>
    <message>
        <location filename="texts.py" line="523"/>
        <source>The kiosk cannot store requests right now</source>
        <translation>本机暂时无法保存业务申请</translation>
    </message>
    <message>
        <location filename="texts.py" line="524"/>
        <source>Nothing was saved. Please ask the staff for help.</source>
        <translation>未保存任何内容。请向工作人员求助。</translation>
    </message>
    <message>
        <location filename="texts.py" line="527"/>
        <source>This kiosk is not recognised by the social security system</source>
        <translation>本机未通过社保系统认证</translation>
    </message>
    <message>
        <location filename="texts.py" line="532"/>
        <location filename="texts.py" line="536"/>
        <source>Please look at the camera and try again, or ask the staff for help.</source>
        <translation>请看着摄像头再试一次，或请工作人员帮忙。</translation>
    </message>
    <message>
        <location filename="texts.py" line="539"/>
        <source>Part of the kiosk is not working</source>
        <translation>本机有部件出现故障</translation>
    </message>
    <message>
        <location filename="texts.py" line="540"/>
        <source>Nothing was changed. Please ask the staff for help, or use another kiosk.</source>
        <translation>没有做任何更改。请工作人员帮忙，或使用其他自助机。</translation>
    </message>
    <message>
        <location filename="texts.py" line="544"/>
        <source>Nothing was changed. Please try again later, or ask the staff for help.</source>
        <translation>没有做任何更改。请稍后再试，或请工作人员帮忙。</translation>
    </message>
    <message>
        <location filename="texts.py" line="565"/>
        <source>Something went wrong</source>
        <translation>出现了问题</translation>
    </message>
    <message>
        <location filename="texts.py" line="566"/>
        <source>Nothing was changed. Please try again or ask the staff for help.</source>
        <translation>您的信息没有任何改动。请再试一次，或联系工作人员。</translation>
    </message>
    <message>
        <location filename="texts.py" line="572"/>
        <source>You ended the session.</source>
        <translation>您已退出办理。</translation>
    </message>
    <message>
        <location filename="texts.py" line="573"/>
        <source>The session ended because nobody was using the kiosk.</source>
        <translation>长时间无操作，办理已结束。</translation>
    </message>
    <message>
        <location filename="texts.py" line="574"/>
        <source>The card was taken out, so the session ended.</source>
        <translation>社保卡已取出，办理已结束。</translation>
    </message>
    <message>
        <location filename="texts.py" line="575"/>
        <source>The staff member logged out.</source>
        <translation>工作人员已退出登录。</translation>
    </message>
    <message>
        <location filename="texts.py" line="576"/>
        <source>The kiosk is shutting down.</source>
        <translation>设备正在关机。</translation>
    </message>
    <message>
        <location filename="texts.py" line="582"/>
        <source>Employees&apos; basic pension</source>
        <translation>职工基本养老保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="583"/>
        <location filename="../screens/enrollment.py" line="36"/>
        <source>Urban and rural residents&apos; pension</source>
        <translation>城乡居民基本养老保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="584"/>
        <source>Employees&apos; basic medical insurance</source>
        <translation>职工基本医疗保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="585"/>
        <location filename="../screens/enrollment.py" line="37"/>
        <source>Residents&apos; basic medical insurance</source>
        <translation>城乡居民基本医疗保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="586"/>
        <source>Unemployment insurance</source>
        <translation>失业保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="587"/>
        <source>Work injury insurance</source>
        <translation>工伤保险</translation>
    </message>
    <message>
        <location filename="texts.py" line="593"/>
        <source>Contributing</source>
        <translation>参保缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="594"/>
        <source>Contributions paused</source>
        <translation>暂停缴费</translation>
    </message>
    <message>
        <location filename="texts.py" line="595"/>
        <source>Receiving benefits</source>
        <translation>享受待遇</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="155"/>
        <location filename="texts.py" line="596"/>
        <source>Not enrolled</source>
        <translation>未参保</translation>
    </message>
    <message>
        <location filename="texts.py" line="602"/>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <location filename="texts.py" line="603"/>
        <source>Unpaid</source>
        <translation>未缴</translation>
    </message>
    <message>
        <location filename="texts.py" line="604"/>
        <source>Paid late</source>
        <translation>补缴</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="152"/>
        <source>Pensioner, check due</source>
        <translation>退休人员·待认证</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="153"/>
        <source>Pensioner, checked</source>
        <translation>退休人员·已认证</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="154"/>
        <source>Employee, 6 years paid</source>
        <translation>在职职工·缴费6年</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="156"/>
        <source>Card reported lost</source>
        <translation>已挂失的卡</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="157"/>
        <source>Resident, one year unpaid</source>
        <translation>城乡居民·欠缴一年</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="158"/>
        <source>Card expired</source>
        <translation>过期的卡</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="45"/>
        <source>Welcome. Below you can choose large text, voice guidance and the language. Touch the screen to start.</source>
        <translation>欢迎使用。下方可以选择长辈模式、语音播报和语言，请轻触屏幕开始。</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="54"/>
        <source>Social security services at your bank</source>
        <translation>社保业务 银行就近办</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="59"/>
        <source>Pension eligibility check, enrolment, records, payments, certificates and your social security card — here, without queuing.</source>
        <translation>资格认证、参保登记、查询、缴费、证明打印、社保卡办理——在这里自助办理，不用排队。</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="74"/>
        <source>On: larger text and buttons</source>
        <translation>已开启：字更大，按钮更大</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="74"/>
        <source>Larger text and buttons</source>
        <translation>字更大，按钮更大</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="80"/>
        <source>Voice guidance</source>
        <translation>语音播报</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="92"/>
        <source>Touch to start</source>
        <translation>轻触开始</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="118"/>
        <source>On: instructions are read aloud</source>
        <translation>已开启：提示会读出来</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="118"/>
        <source>Off: touch to turn on</source>
        <translation>已关闭：点按开启</translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="97"/>
        <location filename="../technician/camera.py" line="34"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../screens/base.py" line="101"/>
        <source>Exit to home</source>
        <translation>退出回首页</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="34"/>
        <source>New card, replacement, loss report, PIN</source>
        <translation>新办、补换、挂失、密码</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="81"/>
        <source>Please choose a service.</source>
        <translation>请选择要办理的业务。</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="86"/>
        <source>The kiosk is offline. Services marked below still work: your request is stored here and sent automatically when the connection returns.</source>
        <translation>本机目前离线。下方标明的业务仍可办理：申请先保存在本机，恢复联网后自动发送。</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="94"/>
        <source>Please choose a service</source>
        <translation>请选择业务</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="103"/>
        <source>Coming soon</source>
        <translation>即将开通</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="105"/>
        <source>Not available at this kiosk</source>
        <translation>本机暂不提供</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="113"/>
        <source>{hint} · Alt+{number}</source>
        <translation>{hint} · Alt+{number}</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="46"/>
        <source>Please insert your social security card, chip side up</source>
        <translation>请插入社保卡，芯片朝上</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="71"/>
        <source>Please enter your 6-digit card PIN</source>
        <translation>请输入6位社保卡密码</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="95"/>
        <source>[Staff] The citizen cannot enter the PIN themselves</source>
        <translation>【工作人员】居民无法自行输入密码</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="107"/>
        <source>Bedridden: cannot use the keypad</source>
        <translation>卧床：无法操作键盘</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="118"/>
        <source>Why can the citizen not enter the PIN themselves?</source>
        <translation>居民为什么无法自己输入密码？</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="124"/>
        <source>For the member of staff: you vouch for this citizen&apos;s identity under your staff number. A face check follows; the reason and its result are recorded.</source>
        <translation>请工作人员确认：您将以工号担保该居民的身份。接下来进行人脸核验，原因和核验结果都会记录在案。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="64"/>
        <location filename="../screens/enrollment.py" line="75"/>
        <location filename="../screens/identify.py" line="75"/>
        <location filename="../screens/payment.py" line="66"/>
        <source>Hello, {name}</source>
        <translation>{name}，您好</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="78"/>
        <location filename="../screens/payment.py" line="328"/>
        <source>Cover the keypad with your other hand.</source>
        <translation>输入密码时，请用另一只手遮挡键盘。</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/identify.py" line="82"/>
        <source>Wrong PIN. %n try(ies) left before the card is locked.</source>
        <translation>
            <numerusform>密码错误，还可以再试%n次，输错将锁卡。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="108"/>
        <source>Cannot use their hands to type</source>
        <translation>双手无法按键</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="109"/>
        <source>Cannot see the keypad</source>
        <translation>看不清键盘</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="144"/>
        <source>Please take your card</source>
        <translation>请取回您的社保卡</translation>
    </message>
    <message>
        <location filename="../screens/outcome.py" line="46"/>
        <source>Back to home</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <location filename="../screens/outcome.py" line="58"/>
        <source>Error code: {code}</source>
        <translation>错误代码：{code}</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="62"/>
        <location filename="../screens/card.py" line="66"/>
        <location filename="../screens/card.py" line="71"/>
        <location filename="../screens/certificates.py" line="30"/>
        <location filename="../screens/eligibility.py" line="29"/>
        <location filename="../screens/payment.py" line="42"/>
        <location filename="../screens/query.py" line="44"/>
        <source>Insert card</source>
        <translation>插卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="66"/>
        <location filename="../screens/certificates.py" line="30"/>
        <location filename="../screens/eligibility.py" line="29"/>
        <location filename="../screens/payment.py" line="42"/>
        <location filename="../screens/query.py" line="44"/>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="30"/>
        <source>Choose</source>
        <translation>选择证明</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="54"/>
        <location filename="../screens/card.py" line="62"/>
        <location filename="../screens/card.py" line="66"/>
        <location filename="../screens/card.py" line="71"/>
        <source>New PIN</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="54"/>
        <source>Your card</source>
        <translation>领卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="54"/>
        <location filename="../screens/card.py" line="58"/>
        <location filename="../screens/card.py" line="62"/>
        <location filename="../screens/card.py" line="66"/>
        <location filename="../screens/card.py" line="71"/>
        <location filename="../screens/card.py" line="78"/>
        <location filename="../screens/card_loss.py" line="24"/>
        <source>Service</source>
        <translation>选择业务</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="86"/>
        <source>Get your first card</source>
        <translation>首次申领社保卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="87"/>
        <source>Replace a lost or damaged card</source>
        <translation>补换社保卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="89"/>
        <source>Report a lost card without your ID card</source>
        <translation>无身份证临时挂失</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="90"/>
        <source>Activate a new card</source>
        <translation>新卡激活</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="91"/>
        <source>Change your card PIN</source>
        <translation>修改社保卡密码</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="92"/>
        <source>Forgotten your PIN?</source>
        <translation>忘记密码（重置）</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="93"/>
        <source>Apply for a new card</source>
        <translation>申领社保卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="99"/>
        <source>Ready in a few minutes. Bring your ID card.</source>
        <translation>几分钟即可领卡，请带身份证。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="100"/>
        <source>The old card stops working. Bring your ID card.</source>
        <translation>原卡将注销，请带身份证。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="101"/>
        <source>Block it at once with your ID card and a face check</source>
        <translation>身份证加人脸核验，立即挂失</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="103"/>
        <source>With your ID number and registered mobile number</source>
        <translation>输入身份证号和预留手机号</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="106"/>
        <source>A card sent to you: the card, your ID card and the PIN letter</source>
        <translation>寄送或领取的新卡：带上卡、身份证和密码函</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="108"/>
        <source>Insert the card and type the old PIN</source>
        <translation>插卡并输入原密码</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="109"/>
        <source>Or locked: the card, your ID card and a face check</source>
        <translation>或密码已锁定：插卡、身份证加人脸核验</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="111"/>
        <source>A first card or a replacement, made at the branch. Bring your ID card.</source>
        <translation>首次申领或补换，由网点制卡。请携带身份证。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="119"/>
        <source>Your first social security card</source>
        <translation>首次申领社保卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="120"/>
        <source>A replacement for a lost card</source>
        <translation>补领（原卡丢失）</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="121"/>
        <source>A replacement for a damaged card</source>
        <translation>换领（原卡损坏）</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="127"/>
        <source>Brought to you by bank staff</source>
        <translation>工作人员送卡上门</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="128"/>
        <source>Collected at the bank branch</source>
        <translation>到银行网点领取</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="134"/>
        <source>What would you like to do with your card?</source>
        <translation>请选择社保卡业务</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="143"/>
        <source>Not available at this kiosk right now</source>
        <translation>本机暂不能办理</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="165"/>
        <source>Which card do you need?</source>
        <translation>您要办理哪种卡？</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="167"/>
        <source>Why do you need a new card?</source>
        <translation>请选择补换原因</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="177"/>
        <source>My first card</source>
        <translation>首次申领</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="178"/>
        <source>You have never had a social security card</source>
        <translation>从未办过社保卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="184"/>
        <source>It was lost or stolen</source>
        <translation>卡片丢失或被盗</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="185"/>
        <source>Report it lost first; the new card gets a new number</source>
        <translation>需先挂失；新卡使用新卡号</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="189"/>
        <source>It is damaged</source>
        <translation>卡片损坏</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="190"/>
        <source>The chip or the card surface is damaged; the old card will stop working</source>
        <translation>芯片或卡面损坏；原卡将注销</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="207"/>
        <source>Please type the new PIN again</source>
        <translation>请再次输入新密码</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="209"/>
        <source>Please choose a new 6-digit card PIN</source>
        <translation>请设置6位社保卡密码</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="218"/>
        <source>Not the same digit six times, and not a sequence such as 123456. Cover the keypad with your hand.</source>
        <translation>不能是六位相同数字或123456这类连续数字。请用手遮挡键盘。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="227"/>
        <source>The two PINs did not match. Please choose your PIN again.</source>
        <translation>两次输入的密码不一致，请重新设置。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="229"/>
        <source>That PIN is too easy to guess. Please choose another.</source>
        <translation>密码过于简单，请换一个。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="241"/>
        <source>Taking a blank card</source>
        <translation>取出空白卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="242"/>
        <source>Writing to the chip</source>
        <translation>写入芯片</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="243"/>
        <source>Printing your photo and name</source>
        <translation>打印照片和姓名</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="244"/>
        <source>Bringing the card to you</source>
        <translation>出卡</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="252"/>
        <source>Your card is being made. Please wait here.</source>
        <translation>正在为您制卡，请在此稍候。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="261"/>
        <source>It takes about half a minute. Please do not leave.</source>
        <translation>大约需要半分钟，请不要离开。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="282"/>
        <source>Your card is ready. Please take it from the slot.</source>
        <translation>制卡完成，请从出卡口取卡。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="292"/>
        <source>It is activated: use it with the PIN you have just chosen.</source>
        <translation>社保卡已启用，密码为您刚才设置的密码。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="297"/>
        <source>Your old card {number} no longer works.</source>
        <translation>原卡 {number} 已注销。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="316"/>
        <source>Block your social security card now?</source>
        <translation>现在挂失您的社保卡吗？</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="321"/>
        <source>{name}, ID number {id_number}</source>
        <translation>{name}，身份证号 {id_number}</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="329"/>
        <source>You can get a replacement here at once.</source>
        <translation>可在本机立即补卡。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="331"/>
        <source>A replacement can be applied for here; the branch makes it.</source>
        <translation>可在这里申请补卡，由网点制卡。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="336"/>
        <source>Once blocked, nobody can use the card. If you find it again, ask the staff. {replacement}</source>
        <translation>挂失后任何人都无法使用这张卡。如果以后找到了，请联系工作人员。{replacement}</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="347"/>
        <source>The kiosk is offline: the report will be sent first when the connection returns, and the card is not blocked until then. To block it at once, call 12333.</source>
        <translation>本机当前离线：网络恢复后将优先提交挂失，在此之前卡片尚未挂失。如需立即挂失，请拨打12333。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="356"/>
        <source>Block the card</source>
        <translation>确认挂失</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="362"/>
        <source>Your card will be activated as soon as the connection returns</source>
        <translation>网络恢复后您的社保卡将自动启用</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="364"/>
        <source>Your card is activated</source>
        <translation>社保卡已激活</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="377"/>
        <source>Use it with the PIN you have just chosen.</source>
        <translation>请使用您刚设置的密码。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="393"/>
        <source>Your PIN has been changed</source>
        <translation>密码修改成功</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="393"/>
        <source>Your new PIN is set</source>
        <translation>新密码已设置</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="397"/>
        <source>Use the new PIN from now on, at kiosks, counters and banks.</source>
        <translation>今后在自助终端、柜台和银行请使用新密码。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="407"/>
        <source>How should the card reach you?</source>
        <translation>卡片怎样交给您？</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="414"/>
        <source>Staff bring it to your home when it is ready</source>
        <translation>制好后由工作人员送到家</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="415"/>
        <source>You or a relative collect it with your ID card</source>
        <translation>本人或亲属凭身份证到网点领取</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="434"/>
        <source>Please check your application</source>
        <translation>请核对申领信息</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="440"/>
        <source>Card: {value}</source>
        <translation>办理：{value}</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="441"/>
        <source>How it reaches you: {value}</source>
        <translation>领卡方式：{value}</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="447"/>
        <source>The card is made at the branch with the photo just taken.</source>
        <translation>网点将使用刚才拍摄的照片制卡。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="453"/>
        <source>There is no connection now. Your application is stored here and will be sent as soon as the connection returns; you get a receipt number now.</source>
        <translation>当前网络未连接。您的申请已保存在本机，联网后立即自动提交；现在先给您受理编号。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="461"/>
        <source>Apply</source>
        <translation>提交申领</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="466"/>
        <source>Your application has been accepted</source>
        <translation>您的申领已受理</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="474"/>
        <source>Your card will now be made at the branch. Bank staff will bring it to you when it is ready.</source>
        <translation>网点将为您制卡，制好后由银行工作人员送到您手中。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="478"/>
        <source>Your card will now be made at the branch. When it is ready, collect it there with your ID card.</source>
        <translation>网点将为您制卡，制好后请凭身份证到网点领取。</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="30"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="30"/>
        <location filename="../screens/certificates.py" line="122"/>
        <location filename="../staff/report.py" line="84"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="35"/>
        <source>Contribution certificate</source>
        <translation>参保缴费证明</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="36"/>
        <source>Personal insurance record</source>
        <translation>个人权益记录</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="37"/>
        <source>Pension receipt certificate</source>
        <translation>养老金领取证明</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="43"/>
        <source>Your contributions year by year</source>
        <translation>按年度列出您的缴费记录</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="44"/>
        <source>Your insurance status and account balances</source>
        <translation>您的参保情况和个人账户余额</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="45"/>
        <source>The pension paid to you, month by month</source>
        <translation>按月列出发放给您的养老金</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="51"/>
        <source>Which certificate do you need?</source>
        <translation>您需要哪种证明？</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="69"/>
        <source>It is not printed here. You collect it at:</source>
        <translation>本机不打印，请到以下地点领取：</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="75"/>
        <source>It is printed on A4 with a verification code and a QR code.</source>
        <translation>证明打印在A4纸上，附验证码和二维码。</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="85"/>
        <source>Please check your certificate</source>
        <translation>请核对您的证明</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="97"/>
        <location filename="../screens/certificates.py" line="132"/>
        <location filename="../screens/certificates.py" line="150"/>
        <source>Verification code: {code}</source>
        <translation>验证码：{code}</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="101"/>
        <source>Anyone can check it is genuine with this code or the QR code on the page.</source>
        <translation>任何人都可以凭此验证码或页面上的二维码核验真伪。</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="109"/>
        <source>On the screen your name and ID number are partly hidden; the printed page shows them in full.</source>
        <translation>屏幕上您的姓名和身份证号码已部分隐藏，打印的证明上完整显示。</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="127"/>
        <source>Please take your certificate from the printer</source>
        <translation>请从打印口取走您的证明</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="145"/>
        <source>Your certificate has been issued</source>
        <translation>您的证明已开具</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="152"/>
        <source>Collect the printed certificate at:</source>
        <translation>请到以下地点领取纸质证明：</translation>
    </message>
    <message>
        <location filename="../screens/certificates.py" line="159"/>
        <source>Bring your ID card. Anyone can check the certificate is genuine with its verification code.</source>
        <translation>请携带身份证。凭证明上的验证码，任何人都可核验其真伪。</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="54"/>
        <location filename="../screens/card.py" line="58"/>
        <location filename="../screens/card.py" line="71"/>
        <location filename="../screens/card.py" line="78"/>
        <location filename="../screens/eligibility.py" line="29"/>
        <source>Face check</source>
        <translation>刷脸认证</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="29"/>
        <source>Result</source>
        <translation>认证结果</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="34"/>
        <source>Please look at the screen and keep still</source>
        <translation>请看着屏幕，保持不动</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="35"/>
        <source>Please blink your eyes</source>
        <translation>请眨眨眼</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="36"/>
        <source>Please turn your head slowly to the left, then back</source>
        <translation>请慢慢向左转头，再转回来</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="37"/>
        <source>Please turn your head slowly to the right, then back</source>
        <translation>请慢慢向右转头，再转回来</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="43"/>
        <source>We cannot see your face. Stand in front of the screen.</source>
        <translation>看不到您的脸，请站到屏幕正前方。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="44"/>
        <source>Only one person in front of the camera, please.</source>
        <translation>请只留一人在摄像头前。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="45"/>
        <source>Please come a little closer.</source>
        <translation>请再靠近一点。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="46"/>
        <source>Please step back a little.</source>
        <translation>请稍微后退一点。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="47"/>
        <source>Please move so your face is inside the oval.</source>
        <translation>请移动位置，让脸在椭圆框内。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="48"/>
        <source>It is too dark. Please face the light.</source>
        <translation>光线太暗，请面向光源。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="49"/>
        <source>The light is too strong. Please turn a little.</source>
        <translation>光线太强，请稍微转一下身。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="50"/>
        <source>Please hold still.</source>
        <translation>请保持不动。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="51"/>
        <source>Please look straight at the screen.</source>
        <translation>请正视屏幕。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="58"/>
        <source>The kiosk is offline: your check will be confirmed later</source>
        <translation>本机目前离线：认证结果将在联网后确认</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="60"/>
        <source>Your yearly check is due</source>
        <translation>您本年度需要进行资格认证</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="62"/>
        <source>You have already done this year&apos;s check</source>
        <translation>您本年度已完成认证</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="69"/>
        <location filename="../screens/eligibility.py" line="204"/>
        <source>Valid until {date}</source>
        <translation>有效期至 {date}</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="74"/>
        <source>Next, the camera checks that it is really you. Stand about an arm&apos;s length from the screen, take off sunglasses or a hat, and follow the instructions.</source>
        <translation>接下来通过摄像头确认是您本人。请站在离屏幕约一臂远的地方，摘下墨镜或帽子，按提示操作。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="85"/>
        <source>You will get a provisional receipt. The social security system will compare your photo when the connection returns; if there is a problem, you will be told.</source>
        <translation>您将获得一张临时回执。恢复联网后社保系统会比对您的照片，如有问题会通知您。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="94"/>
        <source>Check again anyway</source>
        <translation>仍要重新认证</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="94"/>
        <source>Start the face check</source>
        <translation>开始刷脸认证</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="139"/>
        <source>Step {done} of {total}</source>
        <translation>第 {done} 步，共 {total} 步</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="149"/>
        <source>Attempt {n}</source>
        <translation>第 {n} 次尝试</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="162"/>
        <source>That did not work. Please try again.</source>
        <translation>这次没有成功，我们再试一次。</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/eligibility.py" line="167"/>
        <source>%n attempt(s) left.</source>
        <translation>
            <numerusform>还剩 %n 次机会。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="170"/>
        <location filename="../screens/remedies.py" line="77"/>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="175"/>
        <source>Please move your head slowly, as the instruction says.</source>
        <translation>请按提示慢慢转头。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="177"/>
        <source>Please stand in front of the screen, face the light and keep still.</source>
        <translation>请站在屏幕正前方，面向光源，保持不动。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="178"/>
        <source>Please do each action when the screen asks for it.</source>
        <translation>请在屏幕提示时再做相应动作。</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="187"/>
        <source>Check passed: your pension continues</source>
        <translation>认证通过，养老金继续发放</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="189"/>
        <source>Your check is being reviewed by staff</source>
        <translation>您的认证正在人工审核</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="191"/>
        <source>Your check did not pass</source>
        <translation>您的认证未通过</translation>
    </message>
    <message>
        <location filename="../screens/eligibility.py" line="210"/>
        <source>You do not need to do anything now. Your pension will be paid as usual while staff check. You can track it with your receipt number.</source>
        <translation>您现在无需做任何事。审核期间养老金照常发放，可凭受理编号查询进度。</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="44"/>
        <source>Your records</source>
        <translation>查询结果</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="93"/>
        <source>No records</source>
        <translation>暂无记录</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="139"/>
        <source>paid for the year</source>
        <translation>全年已缴</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/query.py" line="142"/>
        <source>%n month(s) paid</source>
        <translation>
            <numerusform>已缴%n个月</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="143"/>
        <source>{year} · {insurance} · {summary} · you paid {amount}</source>
        <translation>{year} · {insurance} · {summary} · 个人缴费{amount}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="172"/>
        <source>{year} · {insurance}</source>
        <translation>{year} · {insurance}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="180"/>
        <source>Back to years</source>
        <translation>返回年度列表</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="184"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="184"/>
        <source>Base</source>
        <translation>缴费基数</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="184"/>
        <source>You paid</source>
        <translation>个人缴费</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="184"/>
        <source>Employer paid</source>
        <translation>单位缴费</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="185"/>
        <source>To your account</source>
        <translation>划入个人账户</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="185"/>
        <location filename="../screens/query.py" line="277"/>
        <location filename="../technician/desk.py" line="58"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="222"/>
        <source>Here are your records. Touch a heading to see more.</source>
        <translation>这是您的查询结果，点击上方标题查看更多。</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="224"/>
        <source>{name} · ID {id_number}</source>
        <translation>{name} · 身份证号 {id_number}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="234"/>
        <source>Insurance status</source>
        <translation>参保状态</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="235"/>
        <source>Contributions</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="236"/>
        <source>Personal account</source>
        <translation>个人账户</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="237"/>
        <source>Benefit payments</source>
        <translation>待遇发放</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="58"/>
        <location filename="../screens/card.py" line="62"/>
        <location filename="../screens/card.py" line="66"/>
        <location filename="../screens/card.py" line="72"/>
        <location filename="../screens/card.py" line="78"/>
        <location filename="../screens/card.py" line="311"/>
        <location filename="../screens/card.py" line="388"/>
        <location filename="../screens/card.py" line="400"/>
        <location filename="../screens/card.py" line="499"/>
        <location filename="../screens/card_loss.py" line="24"/>
        <location filename="../screens/card_loss.py" line="135"/>
        <location filename="../screens/certificates.py" line="138"/>
        <location filename="../screens/certificates.py" line="170"/>
        <location filename="../screens/eligibility.py" line="228"/>
        <location filename="../screens/enrollment.py" line="31"/>
        <location filename="../screens/enrollment.py" line="181"/>
        <location filename="../screens/payment.py" line="42"/>
        <location filename="../screens/payment.py" line="195"/>
        <location filename="../screens/payment.py" line="371"/>
        <location filename="../screens/query.py" line="258"/>
        <location filename="../screens/receipts.py" line="126"/>
        <location filename="../screens/receipts.py" line="183"/>
        <location filename="../staff/words.py" line="72"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="31"/>
        <location filename="../screens/query.py" line="277"/>
        <location filename="../screens/query.py" line="308"/>
        <location filename="../screens/query.py" line="336"/>
        <source>Insurance</source>
        <translation>险种</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="54"/>
        <location filename="../screens/card.py" line="58"/>
        <location filename="../screens/card.py" line="62"/>
        <location filename="../screens/card.py" line="71"/>
        <location filename="../screens/card.py" line="78"/>
        <location filename="../screens/enrollment.py" line="31"/>
        <location filename="../staff/words.py" line="56"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="43"/>
        <source>Pay yearly from age 16; get a pension from 60</source>
        <translation>年满16周岁按年缴费，60岁起领取养老金</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="45"/>
        <source>Pay yearly; helps with hospital and clinic costs</source>
        <translation>按年缴费，门诊和住院费用可报销</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="52"/>
        <source>Please place your ID card on the reader</source>
        <translation>请将身份证放在读卡区</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="60"/>
        <source>The reader is the flat panel marked 身份证. Leave the card there until asked.</source>
        <translation>读卡区是标有“身份证”的平板。请放好不要移动，直到提示取走。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="76"/>
        <source>Please type your mobile number</source>
        <translation>请输入您的手机号码</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="77"/>
        <source>The social security office uses it only to contact you about your insurance.</source>
        <translation>社保部门仅用此号码就参保事宜联系您。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="89"/>
        <source>Which insurance do you want to join?</source>
        <translation>您要参加哪种保险？</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="92"/>
        <source>You can choose both.</source>
        <translation>可以两种都选。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="97"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="109"/>
        <source>Already enrolled: {name}</source>
        <translation>已参保：{name}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="125"/>
        <source>Please check your details</source>
        <translation>请核对您的信息</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="128"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="128"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="438"/>
        <location filename="../screens/enrollment.py" line="130"/>
        <source>Name: {value}</source>
        <translation>姓名：{value}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="134"/>
        <source>Gender: {value}</source>
        <translation>性别：{value}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="135"/>
        <source>Ethnic group: {value}</source>
        <translation>民族：{value}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="163"/>
        <source>Enrol</source>
        <translation>确认参保</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="136"/>
        <source>Address: {value}</source>
        <translation>住址：{value}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="140"/>
        <source>Joining: {value}</source>
        <translation>参加险种：{value}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="141"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="154"/>
        <source>The kiosk is offline. Your enrolment is stored here and will be sent as soon as the connection returns; you get a provisional receipt now.</source>
        <translation>本机目前离线。您的参保登记已保存在本机，恢复联网后立即发送；现在为您出具临时回执。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="168"/>
        <source>Enrolment complete</source>
        <translation>参保登记成功</translation>
    </message>
    <message>
        <location filename="../screens/enrollment.py" line="177"/>
        <source>From {date}</source>
        <translation>自 {date} 起生效</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="277"/>
        <source>Since</source>
        <translation>参保日期</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="277"/>
        <source>Region</source>
        <translation>参保地</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="291"/>
        <source>{insurance}: balance {amount}</source>
        <translation>{insurance}：余额 {amount}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="305"/>
        <source>As of {date}</source>
        <translation>截至{date}</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="308"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="308"/>
        <source>Credited</source>
        <translation>当年记账</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="308"/>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="308"/>
        <source>Year-end balance</source>
        <translation>年末余额</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="332"/>
        <source>Card ending {tail}</source>
        <translation>尾号{tail}的银行卡</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="336"/>
        <source>For month</source>
        <translation>待遇月份</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="336"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="336"/>
        <source>Paid on</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <location filename="../screens/query.py" line="336"/>
        <source>Paid to</source>
        <translation>发放账户</translation>
    </message>
    <message>
        <location filename="../shell.py" line="699"/>
        <location filename="../widgets/idle.py" line="31"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../shell.py" line="870"/>
        <source>This kiosk is restarting after repeated faults. Please go to the counter, or use another kiosk.</source>
        <translation>本机多次出现故障，正在重新启动。请到柜台办理，或使用其他自助机。</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="48"/>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="48"/>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="48"/>
        <source>● Connecting</source>
        <translation>● 连接中</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="52"/>
        <source>queue unavailable</source>
        <translation>队列不可用</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/bars.py" line="52"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 条待发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="75"/>
        <source>Social Security Self-Service</source>
        <translation>社保自助服务</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="78"/>
        <location filename="../widgets/bars.py" line="95"/>
        <source>Call staff</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="97"/>
        <source>Call staff for help</source>
        <translation>求助：呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="112"/>
        <source>Repeat</source>
        <translation>重听</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="113"/>
        <source>Hear the instruction again</source>
        <translation>再听一遍提示</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="124"/>
        <source>Voice: on</source>
        <translation>语音：开</translation>
    </message>
    <message>
        <location filename="../widgets/bars.py" line="124"/>
        <source>Voice: off</source>
        <translation>语音：关</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="88"/>
        <location filename="../widgets/bars.py" line="87"/>
        <source>Switch language</source>
        <translation>切换语言</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="75"/>
        <location filename="../widgets/bars.py" line="88"/>
        <source>Large text</source>
        <translation>长辈模式</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="58"/>
        <source>Demo card tray:</source>
        <translation>演示卡盒：</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="68"/>
        <source>Take card out</source>
        <translation>取出卡片</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="75"/>
        <source>ID card:</source>
        <translation>身份证：</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="83"/>
        <source>Take ID card</source>
        <translation>取走身份证</translation>
    </message>
    <message>
        <location filename="../../demo/tray_bar.py" line="88"/>
        <source>Phone pays</source>
        <translation>手机付款</translation>
    </message>
    <message>
        <location filename="../widgets/idle.py" line="25"/>
        <location filename="../widgets/maintenance.py" line="32"/>
        <source>Continue</source>
        <translation>继续办理</translation>
    </message>
    <message>
        <location filename="../widgets/idle.py" line="27"/>
        <location filename="../widgets/maintenance.py" line="35"/>
        <source>End now</source>
        <translation>结束办理</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/idle.py" line="46"/>
        <source>For your privacy, the session will end in %n second(s) and your information will be cleared from the screen.</source>
        <translation>
            <numerusform>为保护您的隐私，%n秒后将结束办理并清除屏幕上的信息。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="42"/>
        <source>Pay</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="42"/>
        <source>What to pay</source>
        <translation>选择项目</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="50"/>
        <source>{insurance}, {year}</source>
        <translation>{insurance}（{year}度）</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="62"/>
        <location filename="../screens/payment.py" line="158"/>
        <source>What would you like to pay?</source>
        <translation>您要缴纳哪一项？</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="91"/>
        <source>Choose your contribution grade</source>
        <translation>请选择缴费档次</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="98"/>
        <source>A higher grade means a higher pension later; the government adds more too.</source>
        <translation>档次越高，将来领取的养老金越多，政府补贴也越多。</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="126"/>
        <source>Grade {grade}: {amount}</source>
        <translation>第{grade}档：{amount}</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="139"/>
        <source>You chose: {item}</source>
        <translation>您选择的是：{item}</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="170"/>
        <source>Choose from {low} to {high}</source>
        <translation>{low}至{high}，自选档次</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="138"/>
        <location filename="../screens/payment.py" line="174"/>
        <source>unpaid from an earlier year</source>
        <translation>往年欠缴（补缴）</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="180"/>
        <source>There is nothing to pay at the moment</source>
        <translation>目前没有需要缴纳的项目</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="186"/>
        <source>All years are paid, or you are not enrolled in any insurance that can be paid here. Employees&apos; contributions are paid by their employer.</source>
        <translation>各年度均已缴清，或您未参加可在此缴费的险种。职工社保由单位代缴。</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="200"/>
        <source>How would you like to pay?</source>
        <translation>请选择支付方式</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="212"/>
        <source>Scan with your phone</source>
        <translation>手机扫码支付</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="213"/>
        <source>WeChat, Alipay or your bank&apos;s app</source>
        <translation>微信、支付宝或银行App</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="217"/>
        <source>Social security card bank account</source>
        <translation>社保卡银行账户</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="218"/>
        <source>From its bank account, with your bank PIN</source>
        <translation>从社保卡银行账户扣款，需输入银行密码</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="238"/>
        <source>Scan this code with your phone to pay</source>
        <translation>请用手机扫描二维码支付</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="254"/>
        <source>This screen moves on by itself once your payment arrives.</source>
        <translation>支付成功后，本页面会自动继续。</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="258"/>
        <source>Payment QR code</source>
        <translation>支付二维码</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="260"/>
        <source>Cancel payment</source>
        <translation>取消支付</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="277"/>
        <source>Time left: {minutes}:{seconds:02d}</source>
        <translation>剩余时间：{minutes}:{seconds:02d}</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="285"/>
        <source>Please enter your 6-digit bank PIN</source>
        <translation>请输入6位银行卡密码</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="299"/>
        <source>Please type your bank PIN on the PIN pad, then press Enter</source>
        <translation>请在密码键盘上输入银行卡密码，然后按确认键</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="305"/>
        <location filename="../widgets/keypad.py" line="57"/>
        <source>PIN entered so far</source>
        <translation>已输入的密码位数</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="248"/>
        <location filename="../screens/payment.py" line="325"/>
        <location filename="../screens/payment.py" line="348"/>
        <source>Amount: {amount}</source>
        <translation>金额：{amount}</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/payment.py" line="336"/>
        <source>Wrong bank PIN. %n try(ies) left.</source>
        <translation>
            <numerusform>银行密码错误，还可尝试%n次。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="341"/>
        <source>Payment received</source>
        <translation>缴费成功</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="355"/>
        <source>The money has been paid. The social security system has not yet confirmed it; this kiosk will send it as soon as it can, and it cannot be lost or recorded twice.</source>
        <translation>款项已支付。社保系统尚未确认入账；本终端会尽快发送确认，不会丢失，也不会重复入账。</translation>
    </message>
    <message>
        <location filename="../screens/payment.py" line="365"/>
        <source>The social security system has recorded your contribution.</source>
        <translation>社保系统已确认入账。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="87"/>
        <source>Completed successfully</source>
        <translation>办理成功</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="99"/>
        <source>Please take your card, your ID card and your receipt.</source>
        <translation>请取走您的社保卡、身份证和回执。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="100"/>
        <source>Please take your card and your receipt.</source>
        <translation>请取走您的社保卡和回执。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="101"/>
        <source>Please take your ID card and your receipt.</source>
        <translation>请取走您的身份证和回执。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="102"/>
        <source>Please take your card and your ID card.</source>
        <translation>请取走您的社保卡和身份证。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="103"/>
        <source>Please take your card.</source>
        <translation>请取走您的社保卡。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="104"/>
        <source>Please take your ID card.</source>
        <translation>请取走您的身份证。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="105"/>
        <source>Please take your receipt.</source>
        <translation>请取走回执。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="118"/>
        <source>The receipt could not be printed. Photograph the receipt number and its QR code with your phone, or ask the staff to print it.</source>
        <translation>回执未能打印。请用手机拍下受理编号和二维码，或请工作人员为您打印。</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="71"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="70"/>
        <location filename="../widgets/number_entry.py" line="84"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="58"/>
        <location filename="../screens/card.py" line="78"/>
        <location filename="../screens/card_loss.py" line="24"/>
        <location filename="../screens/enrollment.py" line="31"/>
        <location filename="../widgets/keypad.py" line="72"/>
        <location filename="../widgets/number_entry.py" line="87"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="24"/>
        <location filename="../screens/card_loss.py" line="45"/>
        <location filename="../technician/words.py" line="47"/>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="24"/>
        <location filename="../screens/card_loss.py" line="60"/>
        <location filename="../screens/enrollment.py" line="31"/>
        <location filename="../screens/enrollment.py" line="71"/>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="50"/>
        <source>Please type your 18-digit ID number</source>
        <translation>请输入您的18位身份证号码</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="46"/>
        <source>That is not a valid ID number. Please check it and type it again.</source>
        <translation>身份证号码有误，请核对后重新输入。</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="65"/>
        <source>Please type the mobile number you registered with social security</source>
        <translation>请输入您在社保登记的手机号码</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="61"/>
        <location filename="../screens/enrollment.py" line="72"/>
        <source>A mobile number has 11 digits and starts with 1. Please type it again.</source>
        <translation>手机号码为以1开头的11位数字，请重新输入。</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="75"/>
        <source>Report your card lost?</source>
        <translation>确认挂失您的社保卡吗？</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="439"/>
        <location filename="../screens/card_loss.py" line="79"/>
        <location filename="../screens/enrollment.py" line="131"/>
        <source>ID number: {number}</source>
        <translation>身份证号码：{number}</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="82"/>
        <location filename="../screens/enrollment.py" line="139"/>
        <source>Mobile number: {number}</source>
        <translation>手机号码：{number}</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="87"/>
        <source>Your card will be blocked for payments and services. This cannot be undone here; you can then apply for a replacement card.</source>
        <translation>挂失后，该卡将不能再用于支付和办理业务。此操作在本机无法撤销；挂失后可申请补卡。</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="97"/>
        <source>The kiosk is offline. Your report will be stored here and sent first as soon as the connection returns. Until then the card is not blocked: to block it at once, call 12333.</source>
        <translation>本机目前离线。您的挂失申请将保存在本机，恢复联网后优先发送。在此之前该卡尚未冻结：如需立即挂失，请拨打12333。</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="107"/>
        <source>Report lost</source>
        <translation>确认挂失</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="112"/>
        <source>Your card has been blocked</source>
        <translation>您的社保卡已挂失</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="288"/>
        <location filename="../screens/card.py" line="372"/>
        <location filename="../screens/card_loss.py" line="118"/>
        <source>Card number: {number}</source>
        <translation>卡号：{number}</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="121"/>
        <source>Reported at {time}</source>
        <translation>挂失时间：{time}</translation>
    </message>
    <message>
        <location filename="../screens/card_loss.py" line="126"/>
        <source>Nobody can use it any more. To get a new card, choose Social security card on the home screen or ask the staff.</source>
        <translation>该卡已无法使用。如需办理新卡，请在首页选择“社保卡”或向工作人员咨询。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="155"/>
        <source>Receipt number: {number}</source>
        <translation>受理编号：{number}</translation>
    </message>
    <message>
        <location filename="../widgets/step_bar.py" line="20"/>
        <source>{number}. {step}</source>
        <translation>{number}. {step}</translation>
    </message>
    <message>
        <location filename="../widgets/step_bar.py" line="24"/>
        <source>current step</source>
        <translation>当前步骤</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="68"/>
        <source>The report could not be made or saved ({code}).</source>
        <translation>日报未能生成或保存（{code}）。</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="71"/>
        <source>Putting the report together…</source>
        <translation>正在生成日报…</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="77"/>
        <source>Export the day report (PDF, signed)</source>
        <translation>导出日报（PDF，含电子签名）</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="88"/>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="90"/>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="93"/>
        <source>Back to services (Esc)</source>
        <translation>返回业务 (Esc)</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="101"/>
        <source>{service}: {visits}</source>
        <translation>{service}：{visits}</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="105"/>
        <source>{visits} visit(s) · still waiting to be sent: {waiting}</source>
        <translation>共{visits}次上门服务 · 尚待发送：{waiting}条</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="115"/>
        <source>Service</source>
        <comment>a column of the day report</comment>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="116"/>
        <source>Citizen</source>
        <comment>a column of the day report</comment>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="117"/>
        <source>Identified by</source>
        <translation>身份核验方式</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="118"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="119"/>
        <location filename="../staff/sync.py" line="68"/>
        <location filename="../widgets/receipt.py" line="23"/>
        <source>Receipt number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="120"/>
        <source>Sent</source>
        <translation>发送情况</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="130"/>
        <source>No visits yet today.</source>
        <translation>今天还没有上门服务记录。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="34"/>
        <source>Progress</source>
        <translation>办理进度</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="74"/>
        <source>Your request has been accepted offline</source>
        <translation>您的申请已离线受理</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="83"/>
        <source>The kiosk cannot reach the social security system right now. Your request is stored safely here and will be sent automatically as soon as the connection returns.</source>
        <translation>本机暂时无法连接社保系统。您的申请已安全保存在本机，恢复联网后将自动发送。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="95"/>
        <source>Your loss report will be sent first, before anything else waiting. Until then your card is not blocked: to block it at once, call 12333.</source>
        <translation>挂失申请将最先发送。在此之前该卡尚未冻结：如需立即挂失，请拨打12333。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="105"/>
        <source>Accepted at {time}</source>
        <translation>受理时间：{time}</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="487"/>
        <location filename="../screens/receipts.py" line="115"/>
        <source>Keep your receipt number. To see how it is going, choose Check progress on the home screen and type it or hold its QR code to the scanner.</source>
        <translation>请保管好受理编号。如需了解进度，请在首页选择“查进度”，输入编号或将二维码对准扫描口。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt.py" line="45"/>
        <source>QR code of the receipt number</source>
        <translation>受理编号二维码</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="137"/>
        <source>Type the 16-digit number on your receipt, or hold its QR code to the scanner</source>
        <translation>请输入回执上的16位受理编号，或将二维码对准扫描口</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="132"/>
        <source>That number is not a receipt number. Please check it and type it again.</source>
        <translation>该编号不是有效的受理编号，请核对后重新输入。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="110"/>
        <source>Keep your receipt number: photograph its QR code or write it down. You can follow it with the number by calling 12333 or at any branch.</source>
        <translation>请保存受理编号：拍下二维码或记下编号。凭编号可拨打12333或到任一网点查询办理进度。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="175"/>
        <source>Reason code: {code}</source>
        <translation>原因代码：{code}</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="179"/>
        <source>Last change: {time}</source>
        <translation>最近更新：{time}</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="189"/>
        <source>It is waiting on this kiosk and will be sent as soon as the connection returns.</source>
        <translation>申请正在本机等待，恢复联网后将立即发送。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="191"/>
        <source>The social security system has processed it.</source>
        <translation>社保系统已办理完成。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="193"/>
        <source>A member of staff is checking it. You do not need to do anything now; you will be told if anything else is needed.</source>
        <translation>工作人员正在审核。您现在无需做任何事；如需补充材料会另行通知您。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="196"/>
        <source>It was not accepted. The reason is below.</source>
        <translation>申请未通过，原因如下。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="202"/>
        <source>Application received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="203"/>
        <source>Card being made</source>
        <translation>正在制卡</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="204"/>
        <source>Card ready for delivery</source>
        <translation>卡已制好，待交付</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="211"/>
        <source>The branch has your application and will make your card soon.</source>
        <translation>网点已收到您的申请，将尽快制卡。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="214"/>
        <source>The branch is making your card. You do not need to do anything now.</source>
        <translation>网点正在为您制卡，您现在无需做任何事。</translation>
    </message>
    <message>
        <location filename="../screens/receipts.py" line="217"/>
        <source>Staff will bring it to you, or you collect it at the branch with your ID card, as chosen when you applied.</source>
        <translation>按申领时选择的方式，由工作人员送卡上门，或您凭身份证到网点领取。</translation>
    </message>
    <message>
        <location filename="../widgets/number_entry.py" line="85"/>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../widgets/number_entry.py" line="156"/>
        <source>{typed} of {total} digits typed</source>
        <translation>已输入 {typed} 位，共 {total} 位</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="79"/>
        <source>Start the payment again</source>
        <translation>重新缴费</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="81"/>
        <source>Pay by QR code instead</source>
        <translation>改用扫码支付</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="88"/>
        <source>Set a new PIN here</source>
        <translation>在这里重设密码</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="91"/>
        <location filename="../screens/remedies.py" line="99"/>
        <source>Get a replacement card</source>
        <translation>补换社保卡</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="102"/>
        <source>Activate this card</source>
        <translation>激活这张卡</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="105"/>
        <source>Change the PIN</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="108"/>
        <source>Report the card lost</source>
        <translation>挂失这张卡</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="110"/>
        <location filename="../screens/remedies.py" line="111"/>
        <source>Enrol now</source>
        <translation>现在参保登记</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="112"/>
        <source>See my records</source>
        <translation>查看我的参保记录</translation>
    </message>
    <message>
        <location filename="../screens/remedies.py" line="118"/>
        <source>Get a new QR code</source>
        <translation>重新生成付款码</translation>
    </message>
    <message>
        <location filename="../widgets/help.py" line="22"/>
        <source>Please ask a staff member</source>
        <translation>请向工作人员求助</translation>
    </message>
    <message>
        <location filename="../widgets/help.py" line="24"/>
        <source>This kiosk cannot reach the branch just now. Your call has been saved and will be sent when the connection returns. Please wave to a staff member or ask at the counter.</source>
        <translation>本机暂时联系不上网点。您的呼叫已保存，网络恢复后会发出。请向附近的工作人员招手，或到柜台咨询。</translation>
    </message>
    <message>
        <location filename="../widgets/help.py" line="29"/>
        <location filename="../widgets/help.py" line="32"/>
        <source>Help is on its way</source>
        <translation>已为您呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../widgets/help.py" line="30"/>
        <source>You have already called staff. They are on their way: please wait here.</source>
        <translation>您已呼叫过工作人员，他们马上就来，请在这里稍候。</translation>
    </message>
    <message>
        <location filename="../widgets/help.py" line="33"/>
        <source>Staff are on their way. Please wait here.</source>
        <translation>工作人员马上就来，请在这里稍候。</translation>
    </message>
    <message>
        <location filename="../widgets/help.py" line="36"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../widgets/pages.py" line="38"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../widgets/pages.py" line="41"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../widgets/pages.py" line="64"/>
        <source>Page {page} of {pages}</source>
        <translation>第{page}页，共{pages}页</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="35"/>
        <source>Out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="37"/>
        <source>This kiosk cannot serve you right now. Please go to the counter, or use another kiosk.</source>
        <translation>本机暂时无法办理业务，请到柜台办理，或使用其他自助机。</translation>
    </message>
    <message>
        <location filename="../screens/out_of_service.py" line="59"/>
        <source>For staff: {codes}</source>
        <translation>供工作人员参考：{codes}</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="68"/>
        <source>Not fitted</source>
        <translation>未配置</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="19"/>
        <source>Read a card</source>
        <translation>读卡测试</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="20"/>
        <source>Read an ID card</source>
        <translation>读身份证测试</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="22"/>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="23"/>
        <source>Print a test receipt</source>
        <translation>打印测试凭条</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="24"/>
        <source>Test the PIN pad</source>
        <translation>密码键盘测试</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="25"/>
        <source>Feed test (uses one blank card)</source>
        <translation>走卡测试（耗用1张空白卡）</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="26"/>
        <source>Reset (after clearing a jam)</source>
        <translation>复位（排除卡片堵塞后）</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="33"/>
        <source>Reading the card in the reader…</source>
        <translation>正在读取读卡器中的卡…</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="34"/>
        <source>Reading the ID card on the reader…</source>
        <translation>正在读取阅读器上的身份证…</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="35"/>
        <source>Printing one A4 page…</source>
        <translation>正在打印一页A4…</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="36"/>
        <source>Printing a receipt…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="37"/>
        <source>Feeding a blank card into the reject bin…</source>
        <translation>正在把一张空白卡送入废卡箱…</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="38"/>
        <source>Resetting the card path…</source>
        <translation>正在复位卡通道…</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="44"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="45"/>
        <source>SSSE application</source>
        <translation>社保应用</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="46"/>
        <source>Holder</source>
        <translation>持卡人</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="48"/>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="49"/>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="50"/>
        <source>Photo (bytes)</source>
        <translation>照片（字节）</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="51"/>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="52"/>
        <source>Frames a second</source>
        <translation>帧率（帧/秒）</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="53"/>
        <source>Picture</source>
        <translation>画面</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="54"/>
        <source>Face seen</source>
        <translation>检测到人脸</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="55"/>
        <source>Print job</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="56"/>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="57"/>
        <source>Digits typed</source>
        <translation>已输入位数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="58"/>
        <source>PIN block</source>
        <translation>密码块</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="59"/>
        <source>Card retained</source>
        <translation>已回收卡</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="38"/>
        <source>Connected: what waits is being sent.</source>
        <translation>已联网：待发送的业务正在发送。</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="40"/>
        <source>No network: everything is kept on this laptop and sent when it is back.</source>
        <translation>无网络：所有业务都保存在本机，联网后自动发送。</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="41"/>
        <source>Checking the network…</source>
        <translation>正在检查网络…</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="60"/>
        <source>Sync now (F5)</source>
        <translation>立即同步 (F5)</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="61"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="64"/>
        <source>Connecting and sending…</source>
        <translation>正在连接并发送…</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="68"/>
        <location filename="../technician/words.py" line="60"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="68"/>
        <source>Accepted</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="68"/>
        <source>What</source>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="70"/>
        <source>Nothing was sent or kept today.</source>
        <translation>今天没有发送或保存的业务。</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="81"/>
        <source>Waiting: {waiting} · Refused: {refused} · Delivered today: {delivered}</source>
        <translation>待发送：{waiting} · 被退回：{refused} · 今日已送达：{delivered}</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="90"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../staff/sync.py" line="110"/>
        <source>Refused: {reason}</source>
        <translation>被退回：{reason}</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="61"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="67"/>
        <source>Cards read</source>
        <translation>读卡次数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="68"/>
        <source>Jobs printed</source>
        <translation>打印任务数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="69"/>
        <source>Pages printed</source>
        <translation>打印页数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="70"/>
        <source>Slips printed</source>
        <translation>打印凭条数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="71"/>
        <source>Cards fed</source>
        <translation>进卡数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="72"/>
        <source>Cards issued</source>
        <translation>发卡数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="73"/>
        <source>Cards retained</source>
        <translation>回收卡数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="74"/>
        <source>Cards in the hopper</source>
        <translation>卡箱剩余卡数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="75"/>
        <source>Cards in the reject bin</source>
        <translation>废卡箱卡数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="76"/>
        <source>Times started</source>
        <translation>启动次数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="77"/>
        <source>PIN entries</source>
        <translation>密码输入次数</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="85"/>
        <source>card in the transport</source>
        <translation>通道内有卡</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="86"/>
        <source>transport clear</source>
        <translation>通道无卡</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="88"/>
        <source>card inside</source>
        <translation>有卡</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="89"/>
        <source>no card inside</source>
        <translation>无卡</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="90"/>
        <source>card jammed</source>
        <translation>卡片堵塞</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="91"/>
        <source>paper OK</source>
        <translation>纸张正常</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="92"/>
        <source>paper low</source>
        <translation>纸将用尽</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="93"/>
        <source>paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="100"/>
        <source>not known yet</source>
        <translation>尚未获知</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="102"/>
        <source>working</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="103"/>
        <source>not answering</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="104"/>
        <source>switched off</source>
        <translation>已关机</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="105"/>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="106"/>
        <source>hardware fault</source>
        <translation>硬件故障</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="107"/>
        <source>needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="108"/>
        <source>busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="109"/>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="116"/>
        <source>No faults since start</source>
        <translation>启动以来无故障</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="117"/>
        <source>{count} fault(s) since start; last {code} at {time}</source>
        <translation>启动以来故障{count}次；最近一次 {code}，{time}</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="129"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="130"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="131"/>
        <source>selected</source>
        <translation>已选中</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="132"/>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="138"/>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="138"/>
        <source>Failed: {code}</source>
        <translation>未通过：{code}</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="147"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="149"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="150"/>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="31"/>
        <source>{count} fault(s)</source>
        <translation>故障{count}次</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="31"/>
        <source>no faults</source>
        <translation>无故障</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="45"/>
        <source>Maintenance (vendor mode): the kiosk is closed to citizens</source>
        <translation>维护模式：本机已暂停对外服务</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="50"/>
        <source>Technician {number}</source>
        <translation>技术人员 {number}</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="58"/>
        <location filename="../technician/logs.py" line="78"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="58"/>
        <source>Media</source>
        <translation>介质</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="58"/>
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="74"/>
        <source>Details and tests</source>
        <translation>详情与测试</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="113"/>
        <source>Needs attention: {devices}</source>
        <translation>需要处理：{devices}</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="115"/>
        <source>Every device fitted is working.</source>
        <translation>已配置的设备全部正常。</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="18"/>
        <source>Self-test</source>
        <translation>自检</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="84"/>
        <location filename="../technician/line.py" line="73"/>
        <source>Network and queue</source>
        <translation>网络与队列</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="85"/>
        <location filename="../technician/logs.py" line="53"/>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../technician/desk.py" line="90"/>
        <source>Test all and hand back</source>
        <translation>全部自检并恢复服务</translation>
    </message>
    <message>
        <location filename="../technician/words.py" line="39"/>
        <source>Testing…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <location filename="../technician/login.py" line="16"/>
        <source>Too many wrong logins. The login is locked until {time}.</source>
        <translation>登录错误次数过多，已锁定至{time}。</translation>
    </message>
    <message>
        <location filename="../technician/login.py" line="20"/>
        <source>The technician number or PIN is not right.</source>
        <translation>技术人员工号或密码不正确。</translation>
    </message>
    <message>
        <location filename="../technician/login.py" line="22"/>
        <source>The kiosk is offline and has not seen this technician online yet.</source>
        <translation>本机目前离线，且该技术人员尚未在本机联网登录过。</translation>
    </message>
    <message>
        <location filename="../technician/login.py" line="25"/>
        <source>The kiosk is offline and this technician&apos;s last online login is too long ago.</source>
        <translation>本机目前离线，且该技术人员上次联网登录距今过久。</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="15"/>
        <source>Too many wrong PINs. The login is locked until {time}.</source>
        <translation>密码错误次数过多，已锁定至{time}。</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="19"/>
        <source>The staff number or PIN is not right.</source>
        <translation>工号或密码不正确。</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="21"/>
        <source>This laptop is offline and has not seen this staff number online yet. Connect to a network once (a phone&apos;s hotspot will do) and log in.</source>
        <translation>本机目前离线，且该工号尚未在本机联网登录过。请先连接一次网络（可用手机热点）后登录。</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="25"/>
        <source>This laptop is offline and your last online login here was more than {days} days ago. Connect to a network once (a phone&apos;s hotspot will do) and log in; then you can work offline again.</source>
        <translation>本机目前离线，且您上次在本机联网登录已超过{days}天。请先连接一次网络（可用手机热点）登录，之后即可继续离线办理。</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="29"/>
        <location filename="../technician/login.py" line="27"/>
        <source>The login did not work. Please try again.</source>
        <translation>登录未成功，请重试。</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="35"/>
        <source>The working day has ended and you were logged out. What you did is kept.</source>
        <translation>今天的工作时间已结束，已自动退出登录。已办理的业务均已保存。</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="42"/>
        <source>Refused; no reason given.</source>
        <translation>被退回，未说明原因。</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="50"/>
        <source>Confirmed by staff with a face check ({reason})</source>
        <translation>工作人员确认并人脸核验（{reason}）</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="54"/>
        <source>Card and PIN</source>
        <translation>社保卡和密码</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="55"/>
        <source>Card</source>
        <translation>社保卡</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="57"/>
        <source>ID card and face check</source>
        <translation>身份证和人脸核验</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="63"/>
        <source>bedridden</source>
        <translation>卧床</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="64"/>
        <source>cannot use their hands</source>
        <translation>双手无法按键</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="65"/>
        <source>cannot see the keypad</source>
        <translation>看不清键盘</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="73"/>
        <source>Ended before the end</source>
        <translation>未办完即结束</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="74"/>
        <source>Ended: nobody was using it</source>
        <translation>已结束：长时间无操作</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="75"/>
        <source>Ended: the card was taken out</source>
        <translation>已结束：社保卡被取出</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="76"/>
        <source>Ended: logged out</source>
        <translation>已结束：退出登录</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="77"/>
        <source>Ended: the program closed</source>
        <translation>已结束：程序关闭</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="81"/>
        <source>Not done: {reason}</source>
        <translation>未办成：{reason}</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="86"/>
        <source>waiting to be sent</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="88"/>
        <source>refused: {reason}</source>
        <translation>被退回：{reason}</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="89"/>
        <source>not on this laptop</source>
        <translation>本机无记录</translation>
    </message>
    <message>
        <location filename="../technician/login.py" line="39"/>
        <source>Technician login</source>
        <translation>技术人员登录</translation>
    </message>
    <message>
        <location filename="../technician/login.py" line="42"/>
        <source>Type your technician number: the four digits after T</source>
        <translation>请输入技术人员工号：T后面的四位数字</translation>
    </message>
    <message>
        <location filename="../technician/login.py" line="41"/>
        <source>Technician number</source>
        <translation>技术人员工号</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="58"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="68"/>
        <source>{number}: type your PIN</source>
        <translation>{number}：请输入密码</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="28"/>
        <source>Central system: not reached ({code})</source>
        <translation>中心系统：未连通（{code}）</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="29"/>
        <source>Central system: reached in {ms} ms; clock difference {offset} s</source>
        <translation>中心系统：已连通，往返{ms}毫秒；时钟相差{offset}秒</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="37"/>
        <source>TLS certificate: none, the central system is reached over plain HTTP</source>
        <translation>TLS证书：无，中心系统经明文HTTP连接</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="38"/>
        <source>TLS certificate: not read ({code})</source>
        <translation>TLS证书：未能读取（{code}）</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="41"/>
        <source>TLS certificate: expired on {date}</source>
        <translation>TLS证书：已于{date}过期</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="42"/>
        <source>TLS certificate: valid until {date} ({days} days)</source>
        <translation>TLS证书：有效期至{date}（还有{days}天）</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="49"/>
        <source>waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="50"/>
        <source>being sent</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../staff/words.py" line="87"/>
        <location filename="../technician/line.py" line="51"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="52"/>
        <source>failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="61"/>
        <source>oldest waiting {seconds} s</source>
        <translation>最早一条已等待{seconds}秒</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="62"/>
        <source>Queue: {counts}</source>
        <translation>队列：{counts}</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="77"/>
        <location filename="../technician/line.py" line="79"/>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="86"/>
        <source>Dead letters: {count}</source>
        <translation>发送失败：{count}条</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="94"/>
        <source>Retry</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../technician/line.py" line="100"/>
        <source>Retry all</source>
        <translation>全部重新发送</translation>
    </message>
    <message>
        <location filename="../technician/back.py" line="17"/>
        <source>Back to devices</source>
        <translation>返回设备列表</translation>
    </message>
    <message>
        <location filename="../technician/device.py" line="70"/>
        <source>Status: {status} · Media: {media}</source>
        <translation>状态：{status} · 介质：{media}</translation>
    </message>
    <message>
        <location filename="../technician/device.py" line="76"/>
        <source>Counters: {counters}</source>
        <translation>计数：{counters}</translation>
    </message>
    <message>
        <location filename="../technician/camera.py" line="24"/>
        <location filename="../technician/words.py" line="21"/>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <location filename="../technician/camera.py" line="44"/>
        <source>a face is in the picture</source>
        <translation>画面中有人脸</translation>
    </message>
    <message>
        <location filename="../technician/camera.py" line="44"/>
        <source>no face in the picture</source>
        <translation>画面中没有人脸</translation>
    </message>
    <message>
        <location filename="../technician/camera.py" line="47"/>
        <source>{fps} frames a second · {face}</source>
        <translation>每秒{fps}帧 · {face}</translation>
    </message>
    <message>
        <location filename="../technician/logs.py" line="58"/>
        <source>At least:</source>
        <translation>级别不低于：</translation>
    </message>
    <message>
        <location filename="../technician/logs.py" line="69"/>
        <source>All devices</source>
        <translation>全部设备</translation>
    </message>
    <message>
        <location filename="../staff/report.py" line="114"/>
        <location filename="../technician/logs.py" line="78"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../technician/logs.py" line="78"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../technician/logs.py" line="78"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../technician/logs.py" line="96"/>
        <source>No records at this level.</source>
        <translation>该级别下没有记录。</translation>
    </message>
    <message>
        <location filename="../technician/role.py" line="491"/>
        <source>Type 4 to 12 digits on the PIN pad, then Enter. Digits typed: {count}</source>
        <translation>请在密码键盘上输入4至12位数字后按确认。已输入：{count}位</translation>
    </message>
    <message>
        <location filename="../widgets/maintenance.py" line="29"/>
        <source>This kiosk is closing for maintenance</source>
        <translation>本机即将暂停服务，进行维护</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/maintenance.py" line="58"/>
        <source>Please finish within %n second(s). Nothing you have already sent is lost. Afterwards, take your social security card and ID card with you.</source>
        <translation>
            <numerusform>请在%n秒内办完。您已提交的业务不会丢失。办完后请记得取走社保卡和身份证。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../staff/bar.py" line="46"/>
        <source>Staff {number}</source>
        <translation>工作人员 {number}</translation>
    </message>
    <message>
        <location filename="../staff/bar.py" line="56"/>
        <source>Services</source>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../staff/bar.py" line="57"/>
        <location filename="../staff/sync.py" line="52"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message numerus="yes">
        <location filename="../staff/bar.py" line="57"/>
        <source>Sync: %n waiting</source>
        <translation>
            <numerusform>同步：%n条待发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../staff/bar.py" line="59"/>
        <location filename="../staff/report.py" line="60"/>
        <source>Day report</source>
        <translation>日报</translation>
    </message>
    <message>
        <location filename="../staff/bar.py" line="60"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../staff/bar.py" line="61"/>
        <location filename="../staff/lock.py" line="51"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../staff/lock.py" line="37"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../staff/lock.py" line="39"/>
        <source>{number}: type your PIN to go on where you left off</source>
        <translation>{number}：输入密码，继续刚才的办理</translation>
    </message>
    <message>
        <location filename="../staff/role.py" line="113"/>
        <source>Staff login</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location filename="../staff/role.py" line="115"/>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../staff/role.py" line="116"/>
        <source>Type your staff number: the four digits after S</source>
        <translation>请输入工号：S后面的四位数字</translation>
    </message>
    <message>
        <location filename="../staff/role.py" line="454"/>
        <source>Still no network: what waits is kept here and sent by itself when it is back.</source>
        <translation>仍无网络：待发送的业务保存在本机，联网后自动发送。</translation>
    </message>
    <message numerus="yes">
        <location filename="../staff/role.py" line="455"/>
        <source>Sent: %n</source>
        <translation>
            <numerusform>已发送%n条</numerusform>
        </translation>
    </message>
</context>
</TS>
