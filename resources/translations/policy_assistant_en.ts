<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>目前没有确定符合条件的措施</source>
        <extracomment>Text and background colour per status; each also has its own icon, so colour is never the only sign.</extracomment>
        <translation>No measure is certainly available yet</translation>
    </message>
    <message>
        <source>（{count} 项待核实）</source>
        <translation> ({count} to be confirmed)</translation>
    </message>
    <message>
        <source>符合条件 {count} 项，预计合计 {amount}</source>
        <translation>{count} eligible, estimated total {amount}</translation>
    </message>
    <message>
        <source>符合条件 {count} 项，均无可计算的金额</source>
        <translation>{count} eligible, none with a computable amount</translation>
    </message>
    <message>
        <source>计入合计：{items}</source>
        <translation>Counted: {items}</translation>
    </message>
    <message>
        <source>未计入（原文未定金额，视实际情况而定）：{items}</source>
        <translation>Not counted (the document fixes no amount; it depends on the case): {items}</translation>
    </message>
    <message>
        <source>{status} {count} 项</source>
        <translation>{status}: {count}</translation>
    </message>
    <message>
        <source>参考日期 {as_of}</source>
        <translation>reference date {as_of}</translation>
    </message>
    <message>
        <source>待核实、未计入（向受理部门确认后计入）：{names}</source>
        <translation>To be confirmed, not counted (counted once the office confirms): {names}</translation>
    </message>
    <message>
        <source>判断理由</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>须由受理部门确认</source>
        <translation>To be confirmed by the department</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <source>未确认</source>
        <translation>not confirmed</translation>
    </message>
    <message>
        <source>确认单位：</source>
        <translation>confirmed by: </translation>
    </message>
    <message>
        <source>解读说明：</source>
        <translation>Reading note: </translation>
    </message>
    <message>
        <source>差多少</source>
        <translation>How far off</translation>
    </message>
    <message>
        <source>补充以下信息即可判断</source>
        <translation>Answer these to decide</translation>
    </message>
    <message>
        <source>决定这一项的回答（点击修改）</source>
        <translation>The answers that decide this (click to change)</translation>
    </message>
    <message>
        <source>金额：</source>
        <translation>Amount: </translation>
    </message>
    <message>
        <source>（本工具推定）</source>
        <translation>(presumed by this tool)</translation>
    </message>
    <message>
        <source>办理渠道：</source>
        <translation>Channel: </translation>
    </message>
    <message>
        <source>受理部门：</source>
        <translation>Receiving office: </translation>
    </message>
    <message>
        <source>电话：</source>
        <translation>Phone: </translation>
    </message>
    <message>
        <source>有效期：</source>
        <translation>Valid: </translation>
    </message>
    <message>
        <source>原文：</source>
        <translation>Source: </translation>
    </message>
    <message>
        <source>原文所列材料</source>
        <translation>Materials listed in the source</translation>
    </message>
    <message>
        <source>企业档案</source>
        <translation>Enterprise profile</translation>
    </message>
    <message>
        <source>保存企业档案</source>
        <translation>Save enterprise profile</translation>
    </message>
    <message>
        <source>企业档案 (*.json)</source>
        <translation>Enterprise profiles (*.json)</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>以下内容填写有误，请更正后再保存（草稿已自动保留）：
{items}</source>
        <translation>These answers are invalid; correct them and save again (a draft has been kept):
{items}</translation>
    </message>
    <message>
        <source>已保存 {time}</source>
        <translation>Saved {time}</translation>
    </message>
    <message>
        <source>打开企业档案</source>
        <translation>Open enterprise profile</translation>
    </message>
    <message>
        <source>企业档案 (*.json);;所有文件 (*)</source>
        <translation>Enterprise profiles (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>无法打开档案</source>
        <translation>Cannot open the profile</translation>
    </message>
    <message>
        <source>草稿未能自动保存（{reason}）— {app}</source>
        <translation>The draft could not be saved ({reason}) — {app}</translation>
    </message>
    <message>
        <source>企业档案有未保存的修改。要保存吗？</source>
        <translation>The profile has unsaved changes. Save them?</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <source>须由受理部门确认（确认后勾选，才会生成文书）：</source>
        <translation>To be confirmed by the office (tick once confirmed; only then is a document generated):</translation>
    </message>
    <message>
        <source>请逐项核对（程序无法判断，需要您确认）：</source>
        <translation>Check each of these (the program cannot decide them; please confirm):</translation>
    </message>
    <message>
        <source>已向受理部门确认：{text}（确认单位：{who}）</source>
        <translation>Confirmed with the office: {text} (confirmed by: {who})</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <source>（未回答）</source>
        <translation>(not answered)</translation>
    </message>
</context>
<context>
    <name>CreditCodeEditor</name>
    <message>
        <source>18位，例如 91310116MA1J8K6Q01</source>
        <translation>18 characters, e.g. 91310116MA1J8K6Q01</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>例如 2015-03-20 或 20150320</source>
        <translation>e.g. 2015-03-20 or 20150320</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>例如 2023-06-01</source>
        <translation>e.g. 2023-06-01</translation>
    </message>
    <message>
        <source>请填写 2000 年至 2100 年之间的日期</source>
        <translation>Enter a date between 2000 and 2100</translation>
    </message>
</context>
<context>
    <name>DeadlinePane</name>
    <message>
        <source> 天内</source>
        <extracomment>The number of days changed: the window reads the deadlines again.</extracomment>
        <translation> days</translation>
    </message>
    <message>
        <source>截止于(&amp;W)：</source>
        <translation>Due &amp;within:</translation>
    </message>
    <message>
        <source>参考日期 {d}：{n} 项仍可申报的措施将在 {w} 天内截止。</source>
        <translation>Reference date {d}: {n} open measures end within {w} days.</translation>
    </message>
</context>
<context>
    <name>DeadlineTableModel</name>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>匹配结果</source>
        <translation>Match result</translation>
    </message>
    <message>
        <source>申报状态</source>
        <translation>Application status</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
</context>
<context>
    <name>DraftForm</name>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>区-年份，例如 qingpu-2024</source>
        <translation>district-year, e.g. qingpu-2024</translation>
    </message>
    <message>
        <source>政策文件：</source>
        <translation>Policy document:</translation>
    </message>
    <message>
        <source>适用的区：</source>
        <translation>District:</translation>
    </message>
    <message>
        <source>政策包编号：</source>
        <translation>Pack id:</translation>
    </message>
    <message>
        <source>选择政策文件</source>
        <translation>Choose a policy document</translation>
    </message>
    <message>
        <source>政策文件 (*.txt *.docx *.pdf)</source>
        <translation>Policy documents (*.txt *.docx *.pdf)</translation>
    </message>
</context>
<context>
    <name>EnterpriseTableModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>所在区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>符合条件金额</source>
        <translation>Eligible amount</translation>
    </message>
    <message>
        <source>最近截止</source>
        <translation>Next deadline</translation>
    </message>
    <message>
        <source>申报进度</source>
        <translation>Progress</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>企业名称中的文字，或信用代码开头</source>
        <translation>Text in the name, or the start of the credit code</translation>
    </message>
    <message>
        <source>全部区</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>有“{s}”的措施</source>
        <translation>With measures “{s}”</translation>
    </message>
    <message>
        <source>台账：{s}</source>
        <translation>Ledger: {s}</translation>
    </message>
    <message>
        <source>搜索(&amp;S)：</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>所在区(&amp;Q)：</source>
        <translation>Distri&amp;ct:</translation>
    </message>
    <message>
        <source>状态(&amp;T)：</source>
        <translation>Sta&amp;tus:</translation>
    </message>
</context>
<context>
    <name>GeneratePage</name>
    <message>
        <source>生成文书</source>
        <translation>Generate documents</translation>
    </message>
    <message>
        <source>为符合条件的措施生成申请书、办理指引或告知书，另附一份政策体检报告。文书是草稿，请核对后盖章使用。</source>
        <translation>Application letters, online guides or notices for the eligible measures, plus a policy check-up report. They are drafts: check them before stamping.</translation>
    </message>
    <message>
        <source>要生成文书的措施(&amp;M)</source>
        <translation>&amp;Measures to write documents for</translation>
    </message>
    <message>
        <source>生成文书(&amp;G)</source>
        <translation>&amp;Generate documents</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>导出 PDF(&amp;E)…</source>
        <translation>&amp;Export PDF…</translation>
    </message>
    <message>
        <source>打开文件夹(&amp;D)</source>
        <translation>Open fol&amp;der</translation>
    </message>
    <message>
        <source>用 Word/WPS 打开(&amp;W)</source>
        <translation>Open in &amp;Word/WPS</translation>
    </message>
    <message>
        <source>已生成的文书(&amp;L)：</source>
        <translation>Generated documents (&amp;L):</translation>
    </message>
    <message>
        <source>没有符合条件的措施；仍可生成政策体检报告，列出需补充的信息。</source>
        <translation>No measure is eligible yet; the policy check-up report can still be generated and lists what is missing.</translation>
    </message>
    <message>
        <source>惠企政策申报</source>
        <translation>Policy applications</translation>
    </message>
    <message>
        <source>保存到(&amp;H)：</source>
        <translation>Save &amp;here:</translation>
    </message>
    <message>
        <source>浏览(&amp;R)…</source>
        <translation>B&amp;rowse…</translation>
    </message>
    <message>
        <source>注意：这个文件夹里已有其他企业（{names}）的文书。建议为每家企业使用单独的文件夹。</source>
        <translation>Note: this folder already holds documents of other enterprises ({names}). Use one folder per enterprise.</translation>
    </message>
    <message>
        <source>选择保存文书的文件夹</source>
        <translation>Choose the folder for the documents</translation>
    </message>
    <message>
        <source>请先选择保存文书的文件夹。</source>
        <translation>Choose a folder for the documents first.</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>正在生成：{label}</source>
        <translation>Generating: {label}</translation>
    </message>
    <message>
        <source>已生成 {count} 份文书，保存在 {folder}</source>
        <translation>{count} documents generated in {folder}</translation>
    </message>
    <message>
        <source>文件夹中已有本企业之前生成的 {count} 份文书。要替换它们吗？</source>
        <translation>The folder already holds {count} documents generated earlier for this enterprise. Replace them?</translation>
    </message>
    <message>
        <source>替换(&amp;R)</source>
        <translation>&amp;Replace</translation>
    </message>
    <message>
        <source>另存一套(&amp;K)</source>
        <translation>&amp;Keep both</translation>
    </message>
    <message>
        <source>未能生成文书：{message}</source>
        <translation>Documents not generated: {message}</translation>
    </message>
    <message>
        <source>未能生成文书</source>
        <translation>Documents not generated</translation>
    </message>
    <message>
        <source>无法打开文件夹</source>
        <translation>Cannot open the folder</translation>
    </message>
    <message>
        <source>文件夹不存在：{path}</source>
        <translation>The folder does not exist: {path}</translation>
    </message>
    <message>
        <source>系统没有可以打开文件夹的程序。文书保存在：
{path}</source>
        <translation>No program on this system opens folders. The documents are in:
{path}</translation>
    </message>
    <message>
        <source>无法打开文书</source>
        <translation>Cannot open the document</translation>
    </message>
    <message>
        <source>文件已不存在：{path}</source>
        <translation>The file no longer exists: {path}</translation>
    </message>
    <message>
        <source>系统没有可以打开 .docx 的程序（Word 或 WPS）。请手动打开：
{path}</source>
        <translation>No program on this system opens .docx files (Word or WPS). Open it yourself:
{path}</translation>
    </message>
</context>
<context>
    <name>IntegerEditor</name>
    <message>
        <source>例如 2022</source>
        <translation>e.g. 2022</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>取消(&amp;X)</source>
        <extracomment>work(ws, catalog, progress): runs on a worker thread with a connection of its own. True when a job starts, False when it ends (the window locks the actions that start jobs). A job failed: the exception, for the window to report. Set by 取消 (and by closing the window); a job that can stop reads it.</extracomment>
        <translation>Cancel (&amp;X)</translation>
    </message>
    <message>
        <source>请等当前任务完成后再试。</source>
        <translation>Please wait until the current task has finished.</translation>
    </message>
    <message>
        <source>正在取消：已开始的企业会处理完…</source>
        <translation>Cancelling: enterprises already started will be finished…</translation>
    </message>
</context>
<context>
    <name>LedgerPane</name>
    <message>
        <source>申报台账</source>
        <extracomment>(measure id, state, date, amount text, note)</extracomment>
        <translation>Application ledger</translation>
    </message>
    <message>
        <source>在左侧选择一家企业。</source>
        <translation>Select an enterprise on the left.</translation>
    </message>
    <message>
        <source>措施编号</source>
        <translation>Measure ID</translation>
    </message>
    <message>
        <source>匹配结果</source>
        <translation>Match result</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>申报状态</source>
        <translation>Application status</translation>
    </message>
    <message>
        <source>措施名称</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>可申报的措施(&amp;C)：</source>
        <translation>Measures open for &amp;application:</translation>
    </message>
    <message>
        <source>元，只在“已兑现”时填写</source>
        <translation>yuan, only when the status is “paid out”</translation>
    </message>
    <message>
        <source>更正已有记录时写明原因</source>
        <translation>Give the reason when correcting an earlier entry</translation>
    </message>
    <message>
        <source>记录(&amp;L)</source>
        <translation>&amp;Log</translation>
    </message>
    <message>
        <source>状态(&amp;A)：</source>
        <translation>St&amp;atus:</translation>
    </message>
    <message>
        <source>日期(&amp;Y)：</source>
        <translation>Da&amp;y:</translation>
    </message>
    <message>
        <source>到账金额(&amp;M)：</source>
        <translation>A&amp;mount received:</translation>
    </message>
    <message>
        <source>备注(&amp;N)：</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>金额与备注</source>
        <translation>Amount and note</translation>
    </message>
    <message>
        <source>申报记录(&amp;H)（只追加，不可修改）：</source>
        <translation>&amp;History (append-only, cannot be changed):</translation>
    </message>
    <message>
        <source>（已不在可申报之列）</source>
        <translation>(no longer open for application)</translation>
    </message>
    <message>
        <source>文件 {n} 份</source>
        <translation>{n} files</translation>
    </message>
</context>
<context>
    <name>LetterPreview</name>
    <message>
        <source>正在生成预览…</source>
        <extracomment>On screen the letter is shown at this share of its print size, so that a line fits the pane. A letter is on screen, or no longer: 打印 and 导出 PDF follow :attr:`html`. A short Chinese line for the page&apos;s status (a PDF was written). The letter on screen and its HTML (&quot;&quot; while none is, or while it is being converted).</extracomment>
        <translation>Preparing the preview…</translation>
    </message>
    <message>
        <source>无法预览：{error}</source>
        <translation>No preview: {error}</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>无法导出 PDF</source>
        <translation>Cannot export the PDF</translation>
    </message>
    <message>
        <source>已导出 PDF：{path}</source>
        <translation>PDF exported: {path}</translation>
    </message>
    <message>
        <source>另存为 {name}</source>
        <translation>Save as {name}</translation>
    </message>
</context>
<context>
    <name>MoneyEditor</name>
    <message>
        <source>例如 12（{unit}）或 12万、3,000.50元</source>
        <translation>e.g. 12 ({unit}) or 12万, 3,000.50元</translation>
    </message>
    <message>
        <source>即 {amount} 元</source>
        <translation>= {amount} yuan</translation>
    </message>
</context>
<context>
    <name>MultiEditor</name>
    <message>
        <source>以上均无</source>
        <translation>None of these</translation>
    </message>
</context>
<context>
    <name>NavigationPanel</name>
    <message>
        <source>跳到(&amp;J)：</source>
        <extracomment>How long a status such as “已保存” stays before it fades out. Questionnaire pages with a fixed id; every other questionnaire page is a detail page.</extracomment>
        <translation>&amp;Jump to:</translation>
    </message>
    <message>
        <source>查看结果(&amp;K)</source>
        <translation>See results (&amp;K)</translation>
    </message>
    <message>
        <source>填好企业基本信息后，可从任一页直接查看结果</source>
        <translation>Once the basic information is filled in, see the results from any page</translation>
    </message>
</context>
<context>
    <name>PackManagerDialog</name>
    <message>
        <source>政策包管理</source>
        <translation>Policy packs</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>措施（已审核/草稿）</source>
        <translation>Measures (reviewed / draft)</translation>
    </message>
    <message>
        <source>校验</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>添加政策包…</source>
        <translation>Add pack…</translation>
    </message>
    <message>
        <source>审核所选…</source>
        <translation>Review selected…</translation>
    </message>
    <message>
        <source>从列表移除</source>
        <translation>Remove from list</translation>
    </message>
    <message>
        <source>起草政策包</source>
        <translation>Draft pack</translation>
    </message>
    <message>
        <source>从政策文件起草新的政策包（每项措施标为草稿，审核后才会参与匹配）：</source>
        <translation>Draft a new pack from a policy document (every measure is a draft until reviewed):</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>有 {n} 个问题</source>
        <translation>{n} problem(s)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（原文未写）</source>
        <translation>(not stated)</translation>
    </message>
    <message>
        <source>{name} 未通过校验，不能启用：{problem}</source>
        <translation>{name} fails the check and cannot be enabled: {problem}</translation>
    </message>
    <message>
        <source>选择政策包</source>
        <translation>Choose policy packs</translation>
    </message>
    <message>
        <source>政策包 (*.yaml *.yml)</source>
        <translation>Policy packs (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>{name} 已在列表中。</source>
        <translation>{name} is already listed.</translation>
    </message>
    <message>
        <source>政策包未通过校验，未启用（共 {n} 个问题）：
{problems}</source>
        <translation>The pack fails the check and was not enabled ({n} problem(s)):
{problems}</translation>
    </message>
    <message>
        <source>请先选择政策文件（.txt、.docx 或 .pdf）。</source>
        <translation>Choose a policy document first (.txt, .docx or .pdf).</translation>
    </message>
    <message>
        <source>已有编号为 {id} 的草稿：{path}。请换一个编号，或先在列表中审核它。</source>
        <translation>A draft with id {id} exists: {path}. Choose another id, or review it from the list.</translation>
    </message>
    <message>
        <source>起草失败：{reason}</source>
        <translation>Drafting failed: {reason}</translation>
    </message>
</context>
<context>
    <name>PolicyWizard</name>
    <message>
        <source>打开(&amp;O)…</source>
        <extracomment>The custom buttons, in the order they stand at the left of the button row.</extracomment>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>设置(&amp;T)…</source>
        <translation>Se&amp;ttings…</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>正在生成文书，现在退出会中断生成。仍要退出吗？</source>
        <translation>Documents are being generated; quitting now stops that. Quit anyway?</translation>
    </message>
    <message>
        <source>无法加载政策目录或问卷：{error}。请重新安装本程序。</source>
        <extracomment>An edit is saved to the draft this long after typing stops, so a crash loses at most a moment. The autosave could not write the draft; the Chinese reason (also shown in the title bar).</extracomment>
        <translation>The policy catalog or the questionnaire could not be loaded: {error}. Please reinstall the program.</translation>
    </message>
    <message>
        <source>已加载 {packs} 个政策文件，共 {measures} 项措施。</source>
        <translation>{packs} policy documents loaded, {measures} measures in all.</translation>
    </message>
    <message>
        <source>以下政策包未加载（请在“设置”中检查）：
{problems}</source>
        <translation>These policy packs were not loaded (check them in Settings):
{problems}</translation>
    </message>
    <message>
        <source>{district}现行政策中，所选的“{topics}”没有需要回答的问题，将跳过。</source>
        <extracomment>Every page in id order, and the pages on the path the answers lead through now.</extracomment>
        <translation>The current policies of {district} ask nothing about “{topics}”; that page is skipped.</translation>
    </message>
    <message>
        <source>惠企政策申报助手</source>
        <translation>Policy Application Assistant</translation>
    </message>
    <message>
        <source>新档案</source>
        <translation>New profile</translation>
    </message>
</context>
<context>
    <name>QuestionPage</name>
    <message>
        <source>只列出与本区现行政策有关的问题。不清楚的可以留空或选“未回答”，结果页会提示还需补充什么。</source>
        <extracomment>Width of short inputs (numbers, money, dates) so that the message beside them has room.</extracomment>
        <translation>Only questions that matter for the district&apos;s current policies are asked. Leave what you do not know empty or “not answered”; the results page says what is still needed.</translation>
    </message>
    <message>
        <source>请更正：{items}</source>
        <translation>Please correct: {items}</translation>
    </message>
    <message>
        <source>还需填写：{items}</source>
        <translation>Still needed: {items}</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>结果</source>
        <extracomment>The list shows at least this many rows when the window is 1366×768 (issue 14, 10).</extracomment>
        <translation>Results</translation>
    </message>
    <message>
        <source>按办理方式分三类列出本区政策。选中一项，下方显示判断理由、原文条款和需核对的事项。</source>
        <translation>The district&apos;s measures in three groups by how they are obtained. Select one to see the reasons, the clause and what to check below.</translation>
    </message>
    <message>
        <source>正在匹配…</source>
        <translation>Matching…</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>匹配结果</source>
        <translation>Match results</translation>
    </message>
    <message>
        <source>去修改决定这一项的回答(&amp;A)</source>
        <translation>Change the &amp;answer that decides this</translation>
    </message>
    <message>
        <source>无法完成匹配：{message}</source>
        <translation>Matching failed: {message}</translation>
    </message>
    <message>
        <source>按 {date} 查看(&amp;V)</source>
        <translation>&amp;View as of {date}</translation>
    </message>
    <message>
        <source>，待核实 {n} 项</source>
        <translation>, {n} to be confirmed</translation>
    </message>
    <message>
        <source>{name}（符合 {eligible} 项{extra}，共 {total} 项）</source>
        <translation>{name} ({eligible} eligible{extra}, {total} in all)</translation>
    </message>
    <message>
        <source>选中上方的一项措施，这里显示详情。</source>
        <translation>Select a measure above to see its details here.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>审核政策包：{name}</source>
        <translation>Review pack: {name}</translation>
    </message>
    <message>
        <source>确认(&amp;C)</source>
        <translation>&amp;Confirm</translation>
    </message>
    <message>
        <source>修改(&amp;M)</source>
        <translation>&amp;Modify</translation>
    </message>
    <message>
        <source>删除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>应用修改(&amp;A)</source>
        <translation>&amp;Apply changes</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>原文摘录</source>
        <translation>Excerpt</translation>
    </message>
    <message>
        <source>起草的内容</source>
        <translation>Drafted fields</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>reviewed</translation>
    </message>
    <message>
        <source>政策包中没有措施。</source>
        <translation>The pack has no measures.</translation>
    </message>
    <message>
        <source>草稿（待审核）</source>
        <translation>Draft (to be reviewed)</translation>
    </message>
    <message>
        <source>同整份文件</source>
        <translation>as the document</translation>
    </message>
    <message>
        <source>标题：{v}</source>
        <translation>Title: {v}</translation>
    </message>
    <message>
        <source>审核状态：{v}</source>
        <translation>Review: {v}</translation>
    </message>
    <message>
        <source>金额：{v}</source>
        <translation>Amount: {v}</translation>
    </message>
    <message>
        <source>期限：{a} 至 {b}</source>
        <translation>Period: {a} to {b}</translation>
    </message>
    <message>
        <source>责任单位：{v}</source>
        <translation>Units: {v}</translation>
    </message>
    <message>
        <source>电话：{v}</source>
        <translation>Phone: {v}</translation>
    </message>
    <message>
        <source>原文未载</source>
        <translation>not printed</translation>
    </message>
    <message>
        <source>渠道：{k}（{d}）{s}</source>
        <translation>Channel: {k} ({d}){s}</translation>
    </message>
    <message>
        <source>——原文未写，本工具推定</source>
        <translation> — not stated, presumed by this tool</translation>
    </message>
    <message>
        <source>条件：</source>
        <translation>Criteria:</translation>
    </message>
    <message>
        <source>· （无）</source>
        <translation>· (none)</translation>
    </message>
    <message>
        <source>需确认：</source>
        <translation>To confirm:</translation>
    </message>
    <message>
        <source>已确认 {id}，已保存（原文件保存为 .bak）。</source>
        <translation>Confirmed {id} and saved (the original is kept as .bak).</translation>
    </message>
    <message>
        <source>已删除 {id}，已保存。</source>
        <translation>Deleted {id} and saved.</translation>
    </message>
    <message>
        <source>直接修改 YAML；确认无误后把 review: draft 改为 reviewed，再点“应用修改”。</source>
        <translation>Edit the YAML; when it is right, change review: draft to reviewed and click Apply changes.</translation>
    </message>
    <message>
        <source>修改未保存：</source>
        <translation>Changes not saved: </translation>
    </message>
    <message>
        <source>已保存修改。</source>
        <translation>Changes saved.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <extracomment>The district column&apos;s first entry: a phone that applies in every district (older contacts files).</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <source>使用当天日期(&amp;Y)</source>
        <translation>Use toda&amp;y&apos;s date</translation>
    </message>
    <message>
        <source>默认参考日期(&amp;R)：</source>
        <translation>Default &amp;reference date:</translation>
    </message>
    <message>
        <source>文书保存文件夹(&amp;O)：</source>
        <translation>&amp;Output folder:</translation>
    </message>
    <message>
        <source>选择文书保存文件夹</source>
        <translation>Choose the output folder</translation>
    </message>
    <message>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>留空则使用程序自带的模板</source>
        <translation>Leave empty to use the program&apos;s templates</translation>
    </message>
    <message>
        <source>自有模板文件夹(&amp;M)：</source>
        <translation>Own te&amp;mplates folder:</translation>
    </message>
    <message>
        <source>选择自有模板文件夹</source>
        <translation>Choose your templates folder</translation>
    </message>
    <message>
        <source>浏览(&amp;W)…</source>
        <translation>Bro&amp;wse…</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)：</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <source>常规(&amp;1)</source>
        <translation>General (&amp;1)</translation>
    </message>
    <message>
        <source>除程序自带的政策文件外，再加载以下政策包（YAML）。有问题的政策包不会加载，并会列出原因。</source>
        <translation>Besides the program&apos;s own policy documents, load these policy packs (YAML). A pack with problems is not loaded, and the reasons are listed.</translation>
    </message>
    <message>
        <source>政策包(&amp;2)</source>
        <translation>Policy packs (&amp;2)</translation>
    </message>
    <message>
        <source>政策原文没有写明电话的受理部门，可在此填写本中心掌握的电话。这些电话只保存在本机，用于结果页和文书，并标注为“用户填写”。</source>
        <translation>Where a document gives no phone number for an office, enter the number your center knows. Numbers are stored on this computer only, used on the results page and in letters, and marked as user-entered.</translation>
    </message>
    <message>
        <source>受理部门（与政策原文一致）</source>
        <translation>Office (as the document names it)</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>联系电话(&amp;3)</source>
        <translation>Phone numbers (&amp;3)</translation>
    </message>
    <message>
        <source>选择政策包</source>
        <translation>Choose policy packs</translation>
    </message>
    <message>
        <source>政策包 (*.yaml *.yml)</source>
        <translation>Policy packs (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>第 {row} 行：请填写受理部门名称。</source>
        <translation>Row {row}: enter the office&apos;s name.</translation>
    </message>
    <message>
        <source>第 {row} 行：电话“{phone}”格式不正确，只能包含数字、短横线和空格（5 至 40 位）。</source>
        <translation>Row {row}: the phone “{phone}” is not valid; use digits, dashes and spaces only (5 to 40 characters).</translation>
    </message>
    <message>
        <source>自有模板文件夹不存在：{path}</source>
        <translation>The templates folder does not exist: {path}</translation>
    </message>
    <message>
        <source>默认：{path}</source>
        <translation>Default: {path}</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>company name</translation>
    </message>
    <message>
        <source>文件夹中同名的模板（申请书.docx、办理指引.docx、告知书.docx、办理清单.docx、体检报告.docx）优先于自带模板。</source>
        <translation>Templates of the same name in this folder (申请书.docx, 办理指引.docx, 告知书.docx, 办理清单.docx, 体检报告.docx) take precedence over the built-in ones.</translation>
    </message>
    <message>
        <source>添加政策包(&amp;A)…</source>
        <translation>&amp;Add policy pack…</translation>
    </message>
    <message>
        <source>移除(&amp;E)</source>
        <translation>R&amp;emove</translation>
    </message>
    <message>
        <source>政策包管理(&amp;G)…</source>
        <translation>Mana&amp;ge policy packs…</translation>
    </message>
    <message>
        <source>所在区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>添加一行(&amp;N)</source>
        <translation>&amp;New row</translation>
    </message>
    <message>
        <source>删除选中行(&amp;D)</source>
        <translation>&amp;Delete selected row</translation>
    </message>
    <message>
        <source>列出缺电话的部门(&amp;U)</source>
        <translation>List &amp;units without a phone</translation>
    </message>
    <message>
        <source>确定(&amp;K)</source>
        <translation>O&amp;K</translation>
    </message>
    <message>
        <source>取消(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>未添加 {name}：
{reasons}</source>
        <translation>{name} not added:
{reasons}</translation>
    </message>
    <message>
        <source>默认参考日期无效，请按 2023-06-01 的格式填写。</source>
        <translation>The default reference date is invalid; write it as 2023-06-01.</translation>
    </message>
    <message>
        <source>自有模板文件夹有问题，请更正或清空后再确定。</source>
        <translation>The template folder has problems; correct or clear it, then press OK.</translation>
    </message>
    <message>
        <source>无法保存设置</source>
        <translation>Cannot save the settings</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <source>例如 021-57921185 或 13812345678</source>
        <translation>e.g. 021-57921185 or 13812345678</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用惠企政策申报助手</source>
        <extracomment>The page id of 企业基本信息; Next points there while loading, so the button reads 下一步, not 完成.</extracomment>
        <translation>Welcome to the Policy Application Assistant</translation>
    </message>
    <message>
        <source>看看企业能享受哪些区级惠企政策，怎么办理，并生成申请书草稿。</source>
        <translation>See which district support measures an enterprise can get, how to obtain them, and draft the letters.</translation>
    </message>
    <message>
        <source>回答几组问题，即可看到企业可以享受的青浦、嘉定、宝山、金山区惠企政策，以及每项政策的办理渠道、金额和联系电话，并生成申请书草稿。全部在本机完成，不联网。</source>
        <translation>Answer a few groups of questions to see the Qingpu, Jiading, Baoshan and Jinshan support measures an enterprise can get, with each measure&apos;s channel, amount and phone number, and draft the application letters. Everything stays on this computer; nothing goes online.</translation>
    </message>
    <message>
        <source>恢复草稿(&amp;R)</source>
        <translation>&amp;Restore draft</translation>
    </message>
    <message>
        <source>丢弃草稿(&amp;X)</source>
        <translation>Discard draft (&amp;X)</translation>
    </message>
    <message>
        <source>打开档案文件(&amp;P)…</source>
        <translation>O&amp;pen profile file…</translation>
    </message>
    <message>
        <source>企业台账(&amp;K)…</source>
        <translation>Enterprise registry (&amp;K)…</translation>
    </message>
    <message>
        <source>今天(&amp;Y)</source>
        <translation>Toda&amp;y</translation>
    </message>
    <message>
        <source>新建企业档案(&amp;W)</source>
        <translation>Ne&amp;w enterprise profile</translation>
    </message>
    <message>
        <source>最近使用的档案(&amp;L)：</source>
        <translation>Recent profi&amp;les:</translation>
    </message>
    <message>
        <source>参考日期(&amp;D)：</source>
        <translation>Reference &amp;date:</translation>
    </message>
    <message>
        <source>政策是否在有效期内，按这一天判断。</source>
        <translation>Whether a policy is in force is judged on this day.</translation>
    </message>
    <message>
        <source>正在加载政策目录…</source>
        <translation>Loading the policy catalog…</translation>
    </message>
    <message>
        <source>按 {date} 查看(&amp;V)</source>
        <translation>&amp;View as of {date}</translation>
    </message>
    <message>
        <source>未填写企业名称</source>
        <translation>no enterprise name yet</translation>
    </message>
    <message>
        <source>发现上次未保存的内容（{name}，自动保存于 {when}）。要恢复吗？</source>
        <translation>Unsaved answers from last time were found ({name}, saved automatically at {when}). Restore them?</translation>
    </message>
</context>
<context>
    <name>WizardHandover</name>
    <message>
        <source>在向导中打开</source>
        <extracomment>Profiles were stored back (the display name of the last one): the window reloads its table.</extracomment>
        <translation>Open in the wizard</translation>
    </message>
    <message>
        <source>向导仍在加载政策目录，请稍候再试。</source>
        <translation>The wizard is still loading the policy catalog; please try again shortly.</translation>
    </message>
    <message>
        <source>无法存回台账</source>
        <translation>Cannot save back to the registry</translation>
    </message>
</context>
<context>
    <name>WorkspaceWindow</name>
    <message>
        <source>企业台账 — {path}</source>
        <translation>Enterprise registry — {path}</translation>
    </message>
    <message>
        <source>企业(&amp;1)</source>
        <translation>Enterprises (&amp;1)</translation>
    </message>
    <message>
        <source>截止提醒(&amp;2)</source>
        <translation>Deadlines (&amp;2)</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>导入名单(&amp;I)…</source>
        <translation>&amp;Import list…</translation>
    </message>
    <message>
        <source>在向导中打开(&amp;O)</source>
        <translation>&amp;Open in the wizard</translation>
    </message>
    <message>
        <source>生成文书(&amp;G)…</source>
        <translation>&amp;Generate documents…</translation>
    </message>
    <message>
        <source>导出(&amp;E)…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>截止提醒(&amp;D)</source>
        <translation>&amp;Deadlines</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>正在匹配…</source>
        <translation>Matching…</translation>
    </message>
    <message>
        <source>显示 {shown} / {total} 家企业（参考日期 {d}）</source>
        <translation>Showing {shown} of {total} enterprises (reference date {d})</translation>
    </message>
    <message>
        <source>无法记录</source>
        <translation>Cannot record</translation>
    </message>
    <message>
        <source>已记录：{m} {s}</source>
        <translation>Recorded: {m} {s}</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>导入企业名单</source>
        <translation>Import an enterprise list</translation>
    </message>
    <message>
        <source>企业名单 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Enterprise lists (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>导入中…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>匹配中…</source>
        <translation>Matching…</translation>
    </message>
    <message>
        <source>正在导入 {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <source>新增 {a} 家，更新 {u} 家，未变化 {n} 家，有误 {r} 行。</source>
        <translation>{a} added, {u} updated, {n} unchanged, {r} rows with errors.</translation>
    </message>
    <message>
        <source>第 {n} 行{who}：{error}</source>
        <translation>Row {n}{who}: {error}</translation>
    </message>
    <message>
        <source>导入结果：{name}</source>
        <translation>Import result: {name}</translation>
    </message>
    <message>
        <source>生成文书</source>
        <translation>Generate documents</translation>
    </message>
    <message>
        <source>请先在表中选择一家或几家企业（按住 Ctrl 或 Shift 多选）。</source>
        <translation>First select one or more enterprises in the table (hold Ctrl or Shift to select several).</translation>
    </message>
    <message>
        <source>选择输出文件夹</source>
        <translation>Choose the output folder</translation>
    </message>
    <message>
        <source>正在为 {n} 家企业生成文书…</source>
        <translation>Generating documents for {n} enterprises…</translation>
    </message>
    <message>
        <source>{ok} 家企业已生成文书，{bad} 家未完成；台账新记 {n} 项“待申报”。汇总表：{path}</source>
        <translation>Documents generated for {ok} enterprises, {bad} not completed; {n} measures recorded as “to apply”. Summary: {path}</translation>
    </message>
    <message>
        <source>导出企业台账</source>
        <translation>Export the enterprise registry</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>请选择一家企业。</source>
        <translation>Please select an enterprise.</translation>
    </message>
    <message>
        <source>已存回台账：{name}</source>
        <translation>Saved back to the registry: {name}</translation>
    </message>
    <message>
        <source>企业台账</source>
        <translation>Enterprise registry</translation>
    </message>
</context>
<context>
    <name>YesNoEditor</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>未回答</source>
        <translation>Not answered</translation>
    </message>
</context>
<context>
    <name>_NumberEditor</name>
    <message>
        <source>最小 {bound}</source>
        <translation>min {bound}</translation>
    </message>
    <message>
        <source>最大 {bound}</source>
        <translation>max {bound}</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>（日志未启用）</source>
        <extracomment>Called before the dialog shows, e.g. to autosave the draft; a failure there is only logged.</extracomment>
        <translation>(logging is off)</translation>
    </message>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>程序遇到了意外错误：{summary}

已填写的内容已自动保存为草稿，下次启动时可以恢复。如问题反复出现，请把日志文件发给技术支持：
{path}</source>
        <translation>The program ran into an unexpected error: {summary}

Your answers were saved as a draft and can be restored at the next start. If this keeps happening, send the log file to support:
{path}</translation>
    </message>
</context>
</TS>
