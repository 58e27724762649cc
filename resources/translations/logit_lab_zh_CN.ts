<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>LogitLab</name>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Distribution</source>
      <translation>分布(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;Open scene…</source>
      <translation>打开场景(&amp;O)…</translation>
    </message>
    <message>
      <source>Open a saved scene (.json)</source>
      <translation>打开已保存的场景 (.json)</translation>
    </message>
    <message>
      <source>&amp;Save scene as…</source>
      <translation>场景另存为(&amp;S)…</translation>
    </message>
    <message>
      <source>Save the current settings as a scene (.json)</source>
      <translation>把当前设置保存为场景 (.json)</translation>
    </message>
    <message>
      <source>&amp;Export screenshot…</source>
      <translation>导出截图(&amp;X)…</translation>
    </message>
    <message>
      <source>Save a PNG picture of the window</source>
      <translation>把窗口保存为 PNG 图片</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>Close Logit Lab</source>
      <translation>关闭 Logit Lab</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <source>Undo the last change (a whole drag is one step)</source>
      <translation>撤销上一步（一次完整的拖动算一步）</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <source>Redo the change just undone</source>
      <translation>重做刚刚撤销的修改</translation>
    </message>
    <message>
      <source>&amp;Reset to the start scene</source>
      <translation>重置为初始场景(&amp;R)</translation>
    </message>
    <message>
      <source>Back to the start scene</source>
      <translation>回到起始场景</translation>
    </message>
    <message>
      <source>Set all logits to &amp;zero</source>
      <translation>所有 logit 置零(&amp;Z)</translation>
    </message>
    <message>
      <source>z = 0 for every class: q becomes uniform</source>
      <translation>每个类别 z = 0：q 变为均匀分布</translation>
    </message>
    <message>
      <source>&amp;Copy readouts</source>
      <translation>复制读数(&amp;C)</translation>
    </message>
    <message>
      <source>Copy the current values as text</source>
      <translation>以文本形式复制当前数值</translation>
    </message>
    <message>
      <source>Clear &amp;history</source>
      <translation>清除历史(&amp;H)</translation>
    </message>
    <message>
      <source>Empty the history strip</source>
      <translation>清空历史曲线</translation>
    </message>
    <message>
      <source>&amp;Uniform p</source>
      <translation>均匀 p(&amp;U)</translation>
    </message>
    <message>
      <source>p = 1/K for every class (switches to soft labels)</source>
      <translation>每个类别 p = 1/K（切换到软标签）</translation>
    </message>
    <message>
      <source>Make &amp;p = q</source>
      <translation>令 p = q(&amp;P)</translation>
    </message>
    <message>
      <source>The truth becomes the prediction: p = q, so KL(p‖q) = 0</source>
      <translation>真实分布变成预测：p = q，因此 KL(p‖q) = 0</translation>
    </message>
    <message>
      <source>Make &amp;q = p</source>
      <translation>令 q = p(&amp;Q)</translation>
    </message>
    <message>
      <source>The prediction becomes the truth: zᵢ = T·ln pᵢ + c, so q = p and KL = 0 (pᵢ = 0 gets the lowest logit)</source>
      <translation>预测变成真实分布：zᵢ = T·ln pᵢ + c，因此 q = p 且 KL = 0（pᵢ = 0 的类别取最低的 logit）</translation>
    </message>
    <message>
      <source>&amp;One-hot on the true class</source>
      <translation>真实类别上的独热(&amp;O)</translation>
    </message>
    <message>
      <source>p = 1 on the most likely true class, 0 elsewhere (soft labels)</source>
      <translation>最可能的真实类别 p = 1，其余为 0（软标签）</translation>
    </message>
    <message>
      <source>&amp;Normalise p</source>
      <translation>归一化 p(&amp;N)</translation>
    </message>
    <message>
      <source>Scale p to sum to 1 (when keep Σp = 1 is off)</source>
      <translation>缩放 p 使其和为 1（在未勾选“保持 Σp = 1”时）</translation>
    </message>
    <message>
      <source>Show &amp;bits</source>
      <translation>显示比特(&amp;B)</translation>
    </message>
    <message>
      <source>Switch H, H(p,q) and KL between nats and bits</source>
      <translation>在奈特与比特之间切换 H、H(p,q) 和 KL 的单位</translation>
    </message>
    <message>
      <source>Show or hide the &amp;options</source>
      <translation>显示或隐藏选项(&amp;O)</translation>
    </message>
    <message>
      <source>The options panel, one key away (a tab behind the classes when the window is narrow)</source>
      <translation>选项面板，一键即达（窗口较窄时位于“类别”后面的标签页）</translation>
    </message>
    <message>
      <source>Reset &amp;layout</source>
      <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
      <source>Put every panel back where it starts, at sizes that fit this window</source>
      <translation>把每个面板放回初始位置，并采用适合当前窗口的大小</translation>
    </message>
    <message>
      <source>&amp;Projector mode</source>
      <translation>投影模式(&amp;P)</translation>
    </message>
    <message>
      <source>Large text for a lecture hall</source>
      <translation>为报告厅放大文字</translation>
    </message>
    <message>
      <source>&amp;Full screen</source>
      <translation>全屏(&amp;F)</translation>
    </message>
    <message>
      <source>Fill the screen</source>
      <translation>铺满屏幕</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
      <source>List every shortcut</source>
      <translation>列出所有快捷键</translation>
    </message>
    <message>
      <source>&amp;About Logit Lab</source>
      <translation>关于 Logit Lab(&amp;A)</translation>
    </message>
    <message>
      <source>About &amp;Qt</source>
      <translation>关于 &amp;Qt</translation>
    </message>
    <message>
      <source>Show &amp;nats</source>
      <translation>显示奈特(&amp;N)</translation>
    </message>
    <message>
      <source>uniform p</source>
      <translation>均匀 p</translation>
    </message>
    <message>
      <source>one-hot</source>
      <translation>独热</translation>
    </message>
    <message>
      <source>normalise</source>
      <translation>归一化</translation>
    </message>
    <message>
      <source>Classes: logits z and true p</source>
      <translation>类别：logit z 与真实分布 p</translation>
    </message>
    <message>
      <source>Options</source>
      <translation>选项</translation>
    </message>
    <message>
      <source>Readouts</source>
      <translation>读数</translation>
    </message>
    <message>
      <source>Cross-entropy vs MSE: one logit swept</source>
      <translation>交叉熵与均方误差：扫描一个 logit</translation>
    </message>
    <message>
      <source>Drag a slider or a blue bar to change a logit; click a class to make it true.</source>
      <translation>拖动滑块或蓝色柱来改变 logit；点击某个类别把它设为真实类别。</translation>
    </message>
    <message>
      <source>&amp;Examples</source>
      <translation>示例(&amp;E)</translation>
    </message>
    <message>
      <source>Open scene</source>
      <translation>打开场景</translation>
    </message>
    <message>
      <source>Logit Lab scenes (*.json)</source>
      <translation>Logit Lab 场景 (*.json)</translation>
    </message>
    <message>
      <source>Save scene</source>
      <translation>保存场景</translation>
    </message>
    <message>
      <source>Readouts copied to the clipboard</source>
      <translation>读数已复制到剪贴板</translation>
    </message>
    <message>
      <source>Export screenshot</source>
      <translation>导出截图</translation>
    </message>
    <message>
      <source>PNG images (*.png)</source>
      <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <source>About Logit Lab</source>
      <translation>关于 Logit Lab</translation>
    </message>
    <message>
      <source>soft labels</source>
      <translation>软标签</translation>
    </message>
    <message>
      <source>Opened scene:</source>
      <translation>已打开场景：</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
    <message>
      <source>Cannot export</source>
      <translation>无法导出</translation>
    </message>
    <message>
      <source>true class</source>
      <translation>真实类别</translation>
    </message>
    <message>
      <source>Not applied:</source>
      <translation>未应用：</translation>
    </message>
    <message>
      <source>Cannot open scene</source>
      <translation>无法打开场景</translation>
    </message>
    <message>
      <source>Cannot save scene</source>
      <translation>无法保存场景</translation>
    </message>
    <message>
      <source>Could not write</source>
      <translation>无法写入</translation>
    </message>
    <message>
      <source>Every number comes from a NumPy core that matches TensorFlow's tf.nn and tf.compat.v1.losses.</source>
      <translation>每个数字都来自一个与 TensorFlow 的 tf.nn 和 tf.compat.v1.losses 一致的 NumPy 内核。</translation>
    </message>
    <message>
      <source>Touch the mathematics of classification losses: softmax, entropy, cross-entropy, KL divergence and MSE, live.</source>
      <translation>亲手触摸分类损失的数学：softmax、熵、交叉熵、KL 散度和均方误差，实时变化。</translation>
    </message>
    <message>
      <source>MSE (unitless)</source>
      <translation>均方误差（无单位）</translation>
    </message>
    <message>
      <source>history of the last %n changes</source>
      <translation>最近 %n 次修改的历史</translation>
    </message>
    <message>
      <source>information</source>
      <translation>信息量</translation>
    </message>
    <message>
      <source>history</source>
      <translation>历史</translation>
    </message>
    <message>
      <source>p (true)</source>
      <translation>p（真实）</translation>
    </message>
    <message>
      <source>pinned p: click to let it follow the others again</source>
      <translation>已固定的 p：点击后它将重新随其他类别调整</translation>
    </message>
    <message>
      <source>probability</source>
      <translation>概率</translation>
    </message>
    <message>
      <source>p′ (smoothed)</source>
      <translation>p′（平滑后）</translation>
    </message>
    <message>
      <source>z (logit of that class)</source>
      <translation>z（该类别的 logit）</translation>
    </message>
    <message>
      <source>loss (nats)</source>
      <translation>损失（奈特）</translation>
    </message>
    <message>
      <source>nats</source>
      <translation>奈特</translation>
    </message>
    <message>
      <source>Pinned: you set this pᵢ, so it stays when you edit others. Click to unpin.</source>
      <translation>已固定：这个 pᵢ 是你设定的，编辑其他类别时它保持不变。点击取消固定。</translation>
    </message>
    <message>
      <source>Name of this class (shown on the plots). Press Enter to apply.</source>
      <translation>这个类别的名称（显示在图上）。按回车应用。</translation>
    </message>
    <message>
      <source>qᵢ = softmax(z/T)ᵢ, the model's probability for this class.</source>
      <translation>qᵢ = softmax(z/T)ᵢ，模型给这个类别的概率。</translation>
    </message>
    <message>
      <source>logit slider z</source>
      <translation>logit 滑块 z</translation>
    </message>
    <message>
      <source>logit z</source>
      <translation>logit z</translation>
    </message>
    <message>
      <source>true probability p</source>
      <translation>真实概率 p</translation>
    </message>
    <message>
      <source>unpin p</source>
      <translation>取消固定 p</translation>
    </message>
    <message>
      <source>class</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>logit zᵢ</source>
      <translation>logit zᵢ</translation>
    </message>
    <message>
      <source>pᵢ (true)</source>
      <translation>pᵢ（真实）</translation>
    </message>
    <message>
      <source>Classes and true label</source>
      <translation>类别与真实标签</translation>
    </message>
    <message>
      <source>Classes K:</source>
      <translation>类别数 K：</translation>
    </message>
    <message>
      <source>class index (one-hot)</source>
      <translation>类别索引（one-hot）</translation>
    </message>
    <message>
      <source>distribution (soft labels)</source>
      <translation>概率分布（软标签）</translation>
    </message>
    <message>
      <source>True label:</source>
      <translation>真实标签：</translation>
    </message>
    <message>
      <source>True class y:</source>
      <translation>真实类别 y：</translation>
    </message>
    <message>
      <source>keep Σp = 1</source>
      <translation>保持 Σp = 1</translation>
    </message>
    <message>
      <source>Softmax and units</source>
      <translation>Softmax 与单位</translation>
    </message>
    <message>
      <source>Temperature T:</source>
      <translation>温度 T：</translation>
    </message>
    <message>
      <source>nats (ln)</source>
      <translation>奈特 (ln)</translation>
    </message>
    <message>
      <source>bits (log₂)</source>
      <translation>比特 (log₂)</translation>
    </message>
    <message>
      <source>Units:</source>
      <translation>单位：</translation>
    </message>
    <message>
      <source>Slider range:</source>
      <translation>滑块范围：</translation>
    </message>
    <message>
      <source>Loss (as TensorFlow computes it)</source>
      <translation>损失（与 TensorFlow 的计算一致）</translation>
    </message>
    <message>
      <source>Loss:</source>
      <translation>损失函数：</translation>
    </message>
    <message>
      <source>Label smoothing s:</source>
      <translation>标签平滑 s：</translation>
    </message>
    <message>
      <source>Positive weight w:</source>
      <translation>正样本权重 w：</translation>
    </message>
    <message>
      <source>not 1: these are unnormalised soft labels. TensorFlow accepts them; H, H(p,q) and KL are computed as written. Distribution › Normalise p rescales them.</source>
      <translation>不等于 1：这是未归一化的软标签。TensorFlow 接受它们；H、H(p,q) 和 KL 按原样计算。“分布 › 归一化 p”可以重新缩放。</translation>
    </message>
    <message>
      <source>bits</source>
      <translation>比特</translation>
    </message>
    <message>
      <source>entropy</source>
      <translation>熵</translation>
    </message>
    <message>
      <source>Entropy of the true distribution: the expected information −log pᵢ.
32 equally likely teams: log₂ 32 = 5 bits. 0·log 0 = 0.</source>
      <translation>真实分布的熵：信息量 −log pᵢ 的期望。
32 支同样可能夺冠的球队：log₂ 32 = 5 比特。约定 0·log 0 = 0。</translation>
    </message>
    <message>
      <source>cross-entropy</source>
      <translation>交叉熵</translation>
    </message>
    <message>
      <source>Cross-entropy: the information when p is coded with q.
Gibbs' inequality: H(p,q) ≥ H(p), with equality only when q = p.</source>
      <translation>交叉熵：用 q 来编码 p 时的信息量。
Gibbs 不等式：H(p,q) ≥ H(p)，仅当 q = p 时取等号。</translation>
    </message>
    <message>
      <source>KL</source>
      <translation>KL 散度</translation>
    </message>
    <message>
      <source>Relative entropy: the extra information paid for using q instead of p.
KL ≥ 0, and KL = 0 exactly when q = p.</source>
      <translation>相对熵：用 q 代替 p 所多付出的信息量。
KL ≥ 0，当且仅当 q = p 时 KL = 0。</translation>
    </message>
    <message>
      <source>MSE</source>
      <translation>均方误差</translation>
    </message>
    <message>
      <source>Mean squared error between q and p (unitless).</source>
      <translation>q 与 p 之间的均方误差（无单位）。</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>The selected loss for this one example, exactly as TensorFlow computes it,
always in nats (TensorFlow's unit).</source>
      <translation>所选损失函数在这一个样本上的值，与 TensorFlow 的计算完全一致，
单位总是奈特（TensorFlow 的单位）。</translation>
    </message>
    <message>
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <source>When the scene opened:</source>
      <translation>场景打开时：</translation>
    </message>
    <message>
      <source>∞ because q = 0 where p &gt; 0 (class {classes}): log 0 = −∞.</source>
      <translation>∞，因为在 p &gt; 0 处 q = 0（类别 {classes}）：log 0 = −∞。</translation>
    </message>
    <message>
      <source>Gibbs' inequality H(p,q) ≥ H(p) holds for normalised p and q;
the identity H(p,q) = H(p) + KL(p‖q) holds always.</source>
      <translation>吉布斯不等式 H(p,q) ≥ H(p) 对归一化的 p 和 q 成立；
恒等式 H(p,q) = H(p) + KL(p‖q) 总是成立。</translation>
    </message>
    <message>
      <source>With two classes, softmax is the sigmoid: q₁ = e^z₁/(e^z₀ + e^z₁) = σ(z₁ − z₀).
The logit difference is the log-odds ln(q₁/q₀); odds = q₁/q₀ = e^(z₁ − z₀).</source>
      <translation>两个类别时，softmax 就是 sigmoid：q₁ = e^z₁/(e^z₀ + e^z₁) = σ(z₁ − z₀)。
logit 之差就是对数几率 ln(q₁/q₀)；几率 = q₁/q₀ = e^(z₁ − z₀)。</translation>
    </message>
    <message>
      <source>(unitless)</source>
      <translation>（无单位）</translation>
    </message>
    <message>
      <source>K = {k} classes</source>
      <translation>K = {k} 个类别</translation>
    </message>
    <message>
      <source>the loss is {loss}</source>
      <translation>损失函数为 {loss}</translation>
    </message>
    <message>
      <source>label smoothing s = {s}</source>
      <translation>标签平滑 s = {s}</translation>
    </message>
    <message>
      <source>units: {unit}</source>
      <translation>单位：{unit}</translation>
    </message>
    <message>
      <source>The max-shift trick: softmax(z) = softmax(z − max z), and after the shift every
exponent is ≤ 0, so exp cannot overflow. The textbook exp(z)/Σ exp(z) overflows
float64 once a logit/T exceeds about {limit}: exp gives ∞ and ∞/∞ is undefined.</source>
      <translation>减去最大值的技巧：softmax(z) = softmax(z − max z)，平移后每个
指数都 ≤ 0，因此 exp 不会溢出。教科书式的 exp(z)/Σ exp(z) 在某个 logit/T
超过约 {limit} 时会使 float64 溢出：exp 得到 ∞，而 ∞/∞ 没有定义。</translation>
    </message>
    <message>
      <source>✗ exp overflows: use the shift</source>
      <translation>✗ exp 溢出：需要平移</translation>
    </message>
    <message>
      <source>✓ agrees (no overflow here)</source>
      <translation>✓ 结果一致（此处无溢出）</translation>
    </message>
    <message>
      <source>max-shift trick</source>
      <translation>减去最大值的技巧</translation>
    </message>
    <message>
      <source>naive</source>
      <translation>朴素</translation>
    </message>
    <message>
      <source>shifted softmax</source>
      <translation>平移后的 softmax</translation>
    </message>
    <message>
      <source>two classes: softmax = sigmoid</source>
      <translation>二分类：softmax = sigmoid</translation>
    </message>
    <message>
      <source>log-odds</source>
      <translation>对数几率</translation>
    </message>
    <message>
      <source>odds</source>
      <translation>几率</translation>
    </message>
    <message>
      <source>Gibbs:</source>
      <translation>吉布斯：</translation>
    </message>
    <message>
      <source>the true class is {name}</source>
      <translation>真实类别是 {name}</translation>
    </message>
    <message>
      <source>Now:</source>
      <translation>现在：</translation>
    </message>
    <message>
      <source>softmax cross-entropy</source>
      <translation>softmax 交叉熵</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses.softmax_cross_entropy: −Σ p′ᵢ log softmax(z/T)ᵢ,
with p′ = p(1 − s) + s/K for label smoothing s.</source>
      <translation>tf.compat.v1.losses.softmax_cross_entropy：−Σ p′ᵢ log softmax(z/T)ᵢ，
标签平滑 s 时 p′ = p(1 − s) + s/K。</translation>
    </message>
    <message>
      <source>sparse softmax cross-entropy</source>
      <translation>稀疏 softmax 交叉熵</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses.sparse_softmax_cross_entropy: −log softmax(z/T)ᵧ for class index y.</source>
      <translation>tf.compat.v1.losses.sparse_softmax_cross_entropy：对类别索引 y 取 −log softmax(z/T)ᵧ。</translation>
    </message>
    <message>
      <source>sigmoid cross-entropy</source>
      <translation>sigmoid 交叉熵</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses.sigmoid_cross_entropy: mean over classes of
max(x,0) − x·p′ + log(1 + e^−|x|), x = z/T, p′ = p(1 − s) + s/2.</source>
      <translation>tf.compat.v1.losses.sigmoid_cross_entropy：对各类别求平均
max(x,0) − x·p′ + log(1 + e^−|x|)，x = z/T，p′ = p(1 − s) + s/2。</translation>
    </message>
    <message>
      <source>weighted sigmoid cross-entropy</source>
      <translation>加权 sigmoid 交叉熵</translation>
    </message>
    <message>
      <source>tf.nn.weighted_cross_entropy_with_logits, mean over classes:
(1 − p)x + (1 + (w − 1)p)(log(1 + e^−|x|) + max(−x, 0)).</source>
      <translation>tf.nn.weighted_cross_entropy_with_logits，对各类别求平均：
(1 − p)x + (1 + (w − 1)p)(log(1 + e^−|x|) + max(−x, 0))。</translation>
    </message>
    <message>
      <source>mean squared error</source>
      <translation>均方误差</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses.mean_squared_error: (1/K) Σ (qᵢ − pᵢ)².</source>
      <translation>tf.compat.v1.losses.mean_squared_error：(1/K) Σ (qᵢ − pᵢ)²。</translation>
    </message>
  </context>
</TS>
