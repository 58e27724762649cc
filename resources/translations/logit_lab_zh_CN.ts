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
      <source>&amp;Training</source>
      <translation>训练(&amp;T)</translation>
    </message>
    <message>
      <source>&amp;Lecture</source>
      <translation>讲课(&amp;L)</translation>
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
      <source>&amp;Export…</source>
      <translation>导出(&amp;E)…</translation>
    </message>
    <message>
      <source>Save the window as a PNG at 2× or an SVG, or the values as CSV or a Markdown table</source>
      <translation>把窗口保存为 2× 的 PNG 或 SVG，或把数值保存为 CSV 或 Markdown 表格</translation>
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
      <source>Show &amp;gradient steps on the sliders</source>
      <translation>在滑块上显示梯度步(&amp;G)</translation>
    </message>
    <message>
      <source>Arrows on the logit sliders: where one gradient-descent step z ← z − η ∂L/∂z would move each logit (the loss above, MSE below)</source>
      <translation>logit 滑块上的箭头：一步梯度下降 z ← z − η ∂L/∂z 会把每个 logit 移到哪里（上方为损失，下方为均方误差）</translation>
    </message>
    <message>
      <source>&amp;Zoom in</source>
      <translation>放大(&amp;Z)</translation>
    </message>
    <message>
      <source>Larger text and views (in projector mode too)</source>
      <translation>放大文字和视图（投影模式下同样有效）</translation>
    </message>
    <message>
      <source>Zoom &amp;out</source>
      <translation>缩小(&amp;O)</translation>
    </message>
    <message>
      <source>Smaller text and views</source>
      <translation>缩小文字和视图</translation>
    </message>
    <message>
      <source>&amp;Actual size</source>
      <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
      <source>Back to the normal size of text and views</source>
      <translation>恢复文字和视图的正常大小</translation>
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
      <source>&amp;Play or pause the race</source>
      <translation>播放或暂停赛跑(&amp;P)</translation>
    </message>
    <message>
      <source>Gradient descent under cross-entropy and under MSE, side by side: play or pause</source>
      <translation>交叉熵与均方误差下的梯度下降并排比较：播放或暂停</translation>
    </message>
    <message>
      <source>&amp;Step</source>
      <translation>单步(&amp;S)</translation>
    </message>
    <message>
      <source>One gradient-descent step of both runners</source>
      <translation>两名选手各做一步梯度下降</translation>
    </message>
    <message>
      <source>&amp;Reset the race</source>
      <translation>重置赛跑(&amp;R)</translation>
    </message>
    <message>
      <source>Back to where the race began (no undo step)</source>
      <translation>回到赛跑开始时的位置（不记入撤销历史）</translation>
    </message>
    <message>
      <source>&amp;Apply: keep where cross-entropy got to</source>
      <translation>应用：保留交叉熵到达的位置(&amp;A)</translation>
    </message>
    <message>
      <source>Keep the logits the cross-entropy runner reached (one undo step)</source>
      <translation>保留交叉熵选手到达的 logit（记为一步，可撤销）</translation>
    </message>
    <message>
      <source>&amp;Next step or scene</source>
      <translation>下一步或下一个场景(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Previous step or scene</source>
      <translation>上一步或上一个场景(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Reset the scene</source>
      <translation>重置场景(&amp;R)</translation>
    </message>
    <message>
      <source>Nudge the selected logit &amp;up</source>
      <translation>微调增大所选 logit(&amp;U)</translation>
    </message>
    <message>
      <source>Nudge the selected logit &amp;down</source>
      <translation>微调减小所选 logit(&amp;D)</translation>
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
      <source>&amp;Undo {what}</source>
      <translation>撤销 {what}(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;Redo {what}</source>
      <translation>重做 {what}(&amp;R)</translation>
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
      <source>The scene's next step, or the next scene (a clicker's Page Down)</source>
      <translation>场景的下一步，或下一个场景（翻页笔的 Page Down）</translation>
    </message>
    <message>
      <source>Back one step or scene (a clicker's Page Up)</source>
      <translation>后退一步或一个场景（翻页笔的 Page Up）</translation>
    </message>
    <message>
      <source>The scene exactly as prepared</source>
      <translation>恢复场景准备好时的原样</translation>
    </message>
    <message>
      <source>+0.1 to the selected class's logit (Alt+Shift: +1)</source>
      <translation>所选类别的 logit +0.1（Alt+Shift：+1）</translation>
    </message>
    <message>
      <source>−0.1 to the selected class's logit (Alt+Shift: −1)</source>
      <translation>所选类别的 logit −0.1（Alt+Shift：−1）</translation>
    </message>
    <message>
      <source>not {name}</source>
      <translation>非 {name}</translation>
    </message>
    <message>
      <source>Hide every number and bar until Enter, so the room can guess first (H)</source>
      <translation>在按回车之前隐藏所有数字和柱，让听众先猜（H）</translation>
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
      <source>CE vs MSE</source>
      <translation>交叉熵与 MSE</translation>
    </message>
    <message>
      <source>Guide</source>
      <translation>指南</translation>
    </message>
    <message>
      <source>Equivalences</source>
      <translation>等价关系</translation>
    </message>
    <message>
      <source>Pitfalls</source>
      <translation>陷阱</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <source>TensorFlow</source>
      <translation>TensorFlow</translation>
    </message>
    <message>
      <source>Gradients</source>
      <translation>梯度</translation>
    </message>
    <message>
      <source>Sigmoid</source>
      <translation>Sigmoid</translation>
    </message>
    <message>
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <source>Scenes</source>
      <translation>场景</translation>
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
      <source>Opened scene:</source>
      <translation>已打开场景：</translation>
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
      <source>Open &amp;recent</source>
      <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Clear the list</source>
      <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
      <source>Readouts copied to the clipboard</source>
      <translation>读数已复制到剪贴板</translation>
    </message>
    <message>
      <source>PNG image, 2× (*.png)</source>
      <translation>PNG 图像，2× (*.png)</translation>
    </message>
    <message>
      <source>SVG drawing of the plots (*.svg)</source>
      <translation>各图的 SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <source>Values as CSV (*.csv)</source>
      <translation>数值，CSV 格式 (*.csv)</translation>
    </message>
    <message>
      <source>Values as a Markdown table (*.md)</source>
      <translation>数值，Markdown 表格 (*.md)</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>SVG drawing (*.svg)</source>
      <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <source>Export plot</source>
      <translation>导出图</translation>
    </message>
    <message>
      <source>Export a &amp;plot</source>
      <translation>导出单张图(&amp;P)</translation>
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
      <source>&amp;Predict, then reveal</source>
      <translation>先预测，再揭晓(&amp;P)</translation>
    </message>
    <message>
      <source>Predict: the answers are hidden. Enter reveals.</source>
      <translation>预测：答案已隐藏。按回车揭晓。</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
    <message>
      <source>(none yet)</source>
      <translation>（暂无）</translation>
    </message>
    <message>
      <source>Exported</source>
      <translation>已导出</translation>
    </message>
    <message>
      <source>Probability plot</source>
      <translation>概率图</translation>
    </message>
    <message>
      <source>Information plot</source>
      <translation>信息量图</translation>
    </message>
    <message>
      <source>History</source>
      <translation>历史</translation>
    </message>
    <message>
      <source>Loss sweep</source>
      <translation>损失扫描</translation>
    </message>
    <message>
      <source>Gradient sweep</source>
      <translation>梯度扫描</translation>
    </message>
    <message>
      <source>Gradients per class</source>
      <translation>各类别的梯度</translation>
    </message>
    <message>
      <source>Sigmoid losses</source>
      <translation>Sigmoid 损失</translation>
    </message>
    <message>
      <source>Sigmoid gradients</source>
      <translation>Sigmoid 梯度</translation>
    </message>
    <message>
      <source>Loss surface</source>
      <translation>损失曲面</translation>
    </message>
    <message>
      <source>Training race: loss</source>
      <translation>训练赛跑：损失</translation>
    </message>
    <message>
      <source>Training race: q</source>
      <translation>训练赛跑：q</translation>
    </message>
    <message>
      <source>soft labels</source>
      <translation>软标签</translation>
    </message>
    <message>
      <source>Not applied:</source>
      <translation>未应用：</translation>
    </message>
    <message>
      <source>Predict (H):</source>
      <translation>预测（H）：</translation>
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
      <source>Cannot export</source>
      <translation>无法导出</translation>
    </message>
    <message>
      <source>Every number comes from a NumPy core that matches TensorFlow's tf.nn and tf.compat.v1.losses.</source>
      <translation>每个数字都来自一个与 TensorFlow 的 tf.nn 和 tf.compat.v1.losses 一致的 NumPy 内核。</translation>
    </message>
    <message>
      <source>true class</source>
      <translation>真实类别</translation>
    </message>
    <message>
      <source>binary</source>
      <translation>二分类</translation>
    </message>
    <message>
      <source>multi-label</source>
      <translation>多标签</translation>
    </message>
    <message>
      <source>Step {k} of {n}:</source>
      <translation>第 {k} 步（共 {n} 步）：</translation>
    </message>
    <message>
      <source>Touch the mathematics of classification losses: softmax, entropy, cross-entropy, KL divergence and MSE, live.</source>
      <translation>亲手触摸分类损失的数学：softmax、熵、交叉熵、KL 散度和均方误差，实时变化。</translation>
    </message>
    <message>
      <source>set logit of {name}</source>
      <translation>设置 {name} 的 logit</translation>
    </message>
    <message>
      <source>set p of {name}</source>
      <translation>设置 {name} 的 p</translation>
    </message>
    <message>
      <source>rename {name}</source>
      <translation>重命名 {name}</translation>
    </message>
    <message>
      <source>make {name} the true class</source>
      <translation>把 {name} 设为真实类别</translation>
    </message>
    <message>
      <source>select {name}</source>
      <translation>选择 {name}</translation>
    </message>
    <message>
      <source>unpin p of {name}</source>
      <translation>取消固定 {name} 的 p</translation>
    </message>
    <message>
      <source>change the number of classes</source>
      <translation>更改类别数</translation>
    </message>
    <message>
      <source>switch the problem type</source>
      <translation>切换问题类型</translation>
    </message>
    <message>
      <source>change the loss</source>
      <translation>更改损失函数</translation>
    </message>
    <message>
      <source>switch between class index and distribution</source>
      <translation>在类别索引与概率分布之间切换</translation>
    </message>
    <message>
      <source>switch keep Σp = 1</source>
      <translation>切换“保持 Σp = 1”</translation>
    </message>
    <message>
      <source>set the logits</source>
      <translation>设置 logit</translation>
    </message>
    <message>
      <source>set p</source>
      <translation>设置 p</translation>
    </message>
    <message>
      <source>change the true class</source>
      <translation>更改真实类别</translation>
    </message>
    <message>
      <source>rename the classes</source>
      <translation>重命名类别</translation>
    </message>
    <message>
      <source>change the temperature</source>
      <translation>更改温度</translation>
    </message>
    <message>
      <source>change the label smoothing</source>
      <translation>更改标签平滑</translation>
    </message>
    <message>
      <source>change pos_weight</source>
      <translation>更改 pos_weight</translation>
    </message>
    <message>
      <source>change the weight</source>
      <translation>更改权重</translation>
    </message>
    <message>
      <source>change the reduction</source>
      <translation>更改归约方式</translation>
    </message>
    <message>
      <source>change the float type</source>
      <translation>更改浮点类型</translation>
    </message>
    <message>
      <source>switch a pitfall</source>
      <translation>切换陷阱</translation>
    </message>
    <message>
      <source>change the slider range</source>
      <translation>更改滑块范围</translation>
    </message>
    <message>
      <source>switch the units</source>
      <translation>切换单位</translation>
    </message>
    <message>
      <source>change the learning rate</source>
      <translation>更改学习率</translation>
    </message>
    <message>
      <source>select a class</source>
      <translation>选择类别</translation>
    </message>
    <message>
      <source>choose the surface's classes</source>
      <translation>选择曲面的类别</translation>
    </message>
    <message>
      <source>change the pins</source>
      <translation>更改固定的 p</translation>
    </message>
    <message>
      <source>change the settings</source>
      <translation>更改设置</translation>
    </message>
    <message>
      <source>drag of {name}'s logit</source>
      <translation>拖动 {name} 的 logit</translation>
    </message>
    <message>
      <source>drag on the loss surface</source>
      <translation>在损失曲面上拖动</translation>
    </message>
    <message>
      <source>click on the loss surface</source>
      <translation>点击损失曲面</translation>
    </message>
    <message>
      <source>drag of {name}'s q</source>
      <translation>拖动 {name} 的 q</translation>
    </message>
    <message>
      <source>set q of {name}</source>
      <translation>设置 {name} 的 q</translation>
    </message>
    <message>
      <source>drag of {name}'s p</source>
      <translation>拖动 {name} 的 p</translation>
    </message>
    <message>
      <source>open scene</source>
      <translation>打开场景</translation>
    </message>
    <message>
      <source>make p uniform</source>
      <translation>令 p 为均匀分布</translation>
    </message>
    <message>
      <source>make p = q</source>
      <translation>令 p = q</translation>
    </message>
    <message>
      <source>make q = p</source>
      <translation>令 q = p</translation>
    </message>
    <message>
      <source>make p one-hot</source>
      <translation>令 p 为独热</translation>
    </message>
    <message>
      <source>normalise p</source>
      <translation>归一化 p</translation>
    </message>
    <message>
      <source>Multi-label: a second class was added with z = 0 and target 0.</source>
      <translation>多标签：新增了第二个类别，z = 0，目标为 0。</translation>
    </message>
    <message>
      <source>Multi-label: each class has its own sigmoid now; the targets are kept and need not sum to 1.</source>
      <translation>多标签：现在每个类别各有一个 sigmoid；目标值保持不变，且不必加起来等于 1。</translation>
    </message>
    <message>
      <source>Multiclass: logits [0, z], so softmax q₁ equals σ(z/T).</source>
      <translation>多分类：logits 为 [0, z]，因此 softmax 的 q₁ 等于 σ(z/T)。</translation>
    </message>
    <message>
      <source>Multiclass: the K logits now share one softmax.</source>
      <translation>多分类：现在 K 个 logit 共用一个 softmax。</translation>
    </message>
    <message>
      <source>{sparse} takes a class index; the loss is now {dense}, its twin for distributions.</source>
      <translation>{sparse} 需要类别索引；损失已改为 {dense}，即它针对概率分布的对应版本。</translation>
    </message>
    <message>
      <source>Sparse labels are class indices: the true label is now class {c}, the one with the largest pᵢ.</source>
      <translation>稀疏标签是类别索引：真实标签现在是类别 {c}，即 pᵢ 最大的那个。</translation>
    </message>
    <message>
      <source>Binary: z = z₁ − z₀ = {z} and y = p₁, so σ(z/T) equals the 2-class softmax q₁.</source>
      <translation>二分类：z = z₁ − z₀ = {z}，y = p₁，因此 σ(z/T) 等于两类 softmax 的 q₁。</translation>
    </message>
    <message>
      <source>The loss is now {loss}.</source>
      <translation>损失现在是 {loss}。</translation>
    </message>
    <message>
      <source>q = p: classes with p = 0 ({zero}) get the lowest logit, {lowest}; their q can only approach 0, never reach it.</source>
      <translation>q = p：p = 0 的类别（{zero}）得到最低的 logit {lowest}；它们的 q 只能接近 0，永远达不到。</translation>
    </message>
    <message>
      <source>q = p: targets of 0 or 1 get the logit ∓{limit}; σ can only approach 0 and 1, never reach them.</source>
      <translation>q = p：目标为 0 或 1 时 logit 取 ∓{limit}；σ 只能接近 0 和 1，永远达不到。</translation>
    </message>
    <message>
      <source>Binary keeps class “{name}”: its logit and target.</source>
      <translation>二分类保留类别“{name}”：它的 logit 和目标值。</translation>
    </message>
    <message>
      <source>{k} softmax classes cannot become one sigmoid: the binary problem starts at z = 0, y = 1 for “{name}”.</source>
      <translation>{k} 个 softmax 类别无法变成一个 sigmoid：二分类问题从“{name}”的 z = 0、y = 1 开始。</translation>
    </message>
    <message>
      <source>The targets were rescaled to sum to 1.</source>
      <translation>目标值已按比例缩放，使其和为 1。</translation>
    </message>
    <message>
      <source>gradient bars</source>
      <translation>梯度柱状图</translation>
    </message>
    <message>
      <source>∂/∂z (per logit)</source>
      <translation>∂/∂z（每个 logit）</translation>
    </message>
    <message>
      <source>∂MSE/∂z</source>
      <translation>∂MSE/∂z</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>∂L/∂zᵢ for every logit: the selected loss ({loss}, left bar) beside MSE (right bar).
A training step moves each logit against its bar: z ← z − η·∂L/∂z.
For cross-entropy the bar is the plain error (q − p)/T; MSE's bars carry the slope of q
and shrink when q saturates, even at the wrong answer.</source>
      <translation>每个 logit 的 ∂L/∂zᵢ：所选损失（{loss}，左侧柱）与均方误差（右侧柱）并排显示。
每个训练步都把各 logit 朝其柱的反方向移动：z ← z − η·∂L/∂z。
对交叉熵，柱就是单纯的误差 (q − p)/T；均方误差的柱带有 q 的斜率，
当 q 饱和时会缩小，即使答案是错的也一样。</translation>
    </message>
    <message>
      <source>∂L/∂z of {loss}</source>
      <translation>{loss} 的 ∂L/∂z</translation>
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
      <source>one sigmoid: σ(z/T) and 1 − σ against y and 1 − y</source>
      <translation>单个 sigmoid：σ(z/T) 与 1 − σ 分别对应 y 与 1 − y</translation>
    </message>
    <message>
      <source>one sigmoid σ(z/T)</source>
      <translation>单个 sigmoid σ(z/T)</translation>
    </message>
    <message>
      <source>independent sigmoids: Σq = {total}, which need not be 1</source>
      <translation>相互独立的 sigmoid：Σq = {total}，不必等于 1</translation>
    </message>
    <message>
      <source>Σq = {total}: need not be 1</source>
      <translation>Σq = {total}：不必为 1</translation>
    </message>
    <message>
      <source>{sigma} and its slope {slope}, x = {x}</source>
      <translation>{sigma} 及其斜率 {slope}，x = {x}</translation>
    </message>
    <message>
      <source>{sigma} and {slope}, x = {x}</source>
      <translation>{sigma} 与 {slope}，x = {x}</translation>
    </message>
    <message>
      <source>{bce} and {se}: y = 1 solid, y = 0 dashed</source>
      <translation>{bce} 与 {se}：y = 1 实线，y = 0 虚线</translation>
    </message>
    <message>
      <source>{bce}, {se}: y = 1 solid</source>
      <translation>{bce}、{se}：y = 1 实线</translation>
    </message>
    <message>
      <source>gradient ∂/∂x: BCE {ce} vs squared error {se}</source>
      <translation>梯度 ∂/∂x：BCE {ce} 对比平方误差 {se}</translation>
    </message>
    <message>
      <source>∂/∂x: {ce} vs {se}</source>
      <translation>∂/∂x：{ce} 与 {se}</translation>
    </message>
    <message>
      <source>sigmoid plot</source>
      <translation>sigmoid 图</translation>
    </message>
    <message>
      <source>σ(x) = 1/(1 + e^(−x)) turns a log-odds x into a probability; its slope is σ′(x) = σ(1 − σ).
odds = σ/(1 − σ) = e^x, and x = ln(σ/(1 − σ)) is the logit.
Under a softmax, class c's q_c is σ of its log-odds against the rest:
x = z_c/T − log Σ_{k≠c} e^(z_k/T). Hover to read σ, the odds and x anywhere.</source>
      <translation>σ(x) = 1/(1 + e^(−x)) 把对数几率 x 变成概率；它的斜率是 σ′(x) = σ(1 − σ)。
几率 = σ/(1 − σ) = e^x，而 x = ln(σ/(1 − σ)) 就是 logit。
在 softmax 下，类别 c 的 q_c 是它相对其余类别的对数几率的 σ：
x = z_c/T − log Σ_{k≠c} e^(z_k/T)。鼠标悬停可读出任意位置的 σ、几率和 x。</translation>
    </message>
    <message>
      <source>sigmoid losses</source>
      <translation>sigmoid 损失</translation>
    </message>
    <message>
      <source>Binary cross-entropy −[y log σ + (1 − y) log(1 − σ)] (left axis, nats) and the squared error (σ − y)² (right axis),
for y = 1 (solid) and y = 0 (dashed). Cross-entropy grows without bound when the model is confidently wrong;
the squared error can never exceed 1.</source>
      <translation>二元交叉熵 −[y log σ + (1 − y) log(1 − σ)]（左轴，奈特）与平方误差 (σ − y)²（右轴），
分别对应 y = 1（实线）和 y = 0（虚线）。模型自信地出错时，交叉熵会无限增大；
而平方误差永远不会超过 1。</translation>
    </message>
    <message>
      <source>sigmoid gradients</source>
      <translation>sigmoid 梯度</translation>
    </message>
    <message>
      <source>Gradients with respect to x, what a training step follows.
Cross-entropy: σ − y, the plain error; it stays near −1 while the model is confidently wrong.
Squared error: 2(σ − y)·σ′ carries the slope σ′ = σ(1 − σ), which vanishes when σ saturates:
at x = −8 with y = 1 it is −0.00067 against −1, and learning stalls.</source>
      <translation>对 x 的梯度，也就是训练每一步所依据的量。
交叉熵：σ − y，即单纯的误差；模型自信地出错时它保持在 −1 附近。
平方误差：2(σ − y)·σ′ 带有斜率 σ′ = σ(1 − σ)，σ 饱和时它趋于消失：
在 x = −8、y = 1 处它只有 −0.00067，而交叉熵是 −1，学习因此停滞。</translation>
    </message>
    <message>
      <source>sigmoid, its losses and their gradients</source>
      <translation>sigmoid、它的损失及其梯度</translation>
    </message>
    <message>
      <source>probability σ, slope σ′</source>
      <translation>概率 σ，斜率 σ′</translation>
    </message>
    <message>
      <source>σ = {p}
odds = {odds}
logit ln(odds) = {x}</source>
      <translation>σ = {p}
几率 = {odds}
logit ln(几率) = {x}</translation>
    </message>
    <message>
      <source>BCE (nats)</source>
      <translation>BCE（奈特）</translation>
    </message>
    <message>
      <source>nats</source>
      <translation>奈特</translation>
    </message>
    <message>
      <source>∂/∂x (per unit log-odds)</source>
      <translation>∂/∂x（每单位对数几率）</translation>
    </message>
    <message>
      <source>x (log-odds)</source>
      <translation>x（对数几率）</translation>
    </message>
    <message>
      <source>z/T of “{name}”</source>
      <translation>“{name}”的 z/T</translation>
    </message>
    <message>
      <source>z of “{name}”</source>
      <translation>“{name}”的 z</translation>
    </message>
    <message>
      <source>log-odds of “{name}” against the rest</source>
      <translation>“{name}”相对其余类别的对数几率</translation>
    </message>
    <message>
      <source>log-odds of “{name}”</source>
      <translation>“{name}”的对数几率</translation>
    </message>
    <message>
      <source>{what} over z of “{x}” and z of “{y}” (others fixed)</source>
      <translation>{what} 随“{x}”的 z 与“{y}”的 z 变化（其余固定）</translation>
    </message>
    <message>
      <source>{what} over z of “{x}” and z of “{y}”</source>
      <translation>{what} 随“{x}”的 z 与“{y}”的 z 变化</translation>
    </message>
    <message>
      <source>Loss surface over two logits</source>
      <translation>两个 logit 上的损失曲面</translation>
    </message>
    <message>
      <source>Class on the x axis of the loss surface</source>
      <translation>损失曲面 x 轴上的类别</translation>
    </message>
    <message>
      <source>The class whose logit varies along the x axis. Choosing the class that is on the y axis swaps the two.</source>
      <translation>其 logit 沿 x 轴变化的类别。选择当前在 y 轴上的类别会交换两者。</translation>
    </message>
    <message>
      <source>Class on the y axis of the loss surface</source>
      <translation>损失曲面 y 轴上的类别</translation>
    </message>
    <message>
      <source>The class whose logit varies along the y axis. Choosing the class that is on the x axis swaps the two.</source>
      <translation>其 logit 沿 y 轴变化的类别。选择当前在 x 轴上的类别会交换两者。</translation>
    </message>
    <message>
      <source>selected loss</source>
      <translation>所选损失</translation>
    </message>
    <message>
      <source>MSE</source>
      <translation>均方误差</translation>
    </message>
    <message>
      <source>Quantity shown on the loss surface</source>
      <translation>损失曲面显示的量</translation>
    </message>
    <message>
      <source>What the surface shows: the selected loss, or the mean squared error (1/K) Σ (qᵢ − pᵢ)² between q and p, whose plateaus stall gradient descent.</source>
      <translation>曲面显示的内容：所选损失，或 q 与 p 之间的均方误差 (1/K) Σ (qᵢ − pᵢ)²，后者的平坦区会让梯度下降停滞。</translation>
    </message>
    <message>
      <source>&amp;x:</source>
      <translation>&amp;x:</translation>
    </message>
    <message>
      <source>&amp;y:</source>
      <translation>&amp;y:</translation>
    </message>
    <message>
      <source>The selected loss (or MSE) for every value of the two logits, the other logits fixed where they are. Click to move the two logits there, or drag.
Colours run from the lowest value to a round number at or above all but the highest {percent} % of the values, which share the top colour: a far corner does not squeeze the low valley into one shade.
Lines: contours at round values. The race: cross-entropy's runner and MSE's, in their colours; the dot is the current point.</source>
      <translation>两个 logit 取各个值时的所选损失（或均方误差），其余 logit 保持不变。点击可把这两个 logit 移到该处，也可以拖动。
颜色从最低值过渡到一个凑整的数值，它不低于除最高的 {percent} % 之外的所有值，而最高的这部分值共用顶端的颜色：这样远处的角落不会把低谷挤成同一种色调。
线条：凑整数值处的等高线。赛跑：交叉熵选手与均方误差选手，各用自己的颜色；圆点是当前位置。</translation>
    </message>
    <message>
      <source>One logit (binary): no surface over two logits. The race below runs on z; the Sigmoid tab shows the loss against it.</source>
      <translation>只有一个 logit（二分类）：没有两个 logit 上的曲面。下方的赛跑在 z 上进行；“Sigmoid”标签页显示损失随 z 的变化。</translation>
    </message>
    <message>
      <source>The surface needs two logits: add a class.</source>
      <translation>曲面需要两个 logit：请添加一个类别。</translation>
    </message>
    <message>
      <source>{what} over z of “{x}” and “{y}”</source>
      <translation>{what} 随“{x}”与“{y}”的 z 变化</translation>
    </message>
    <message>
      <source>{what} over two logits</source>
      <translation>{what} 随两个 logit 变化</translation>
    </message>
    <message>
      <source>The selected loss (blue, left axis), KL(p‖q) (vermillion, left axis) and
MSE = (1/K) Σ (qᵢ − pᵢ)² (right axis) as the logit z_c of one class sweeps the
slider range, the other logits fixed. The dashed line marks the current z_c.</source>
      <translation>所选损失（蓝色，左轴）、KL(p‖q)（朱红色，左轴）和
MSE = (1/K) Σ (qᵢ − pᵢ)²（右轴）随某一类别的 logit z_c 扫过
滑块范围而变化，其余 logit 固定。虚线标出当前的 z_c。</translation>
    </message>
    <message>
      <source>{loss}, {kl} and {mse} vs z of “{name}”</source>
      <translation>{loss}、{kl} 和 {mse} 随“{name}”的 z 变化</translation>
    </message>
    <message>
      <source>{loss}, {kl} and {mse} vs z</source>
      <translation>{loss}、{kl} 和 {mse} 随 z 变化</translation>
    </message>
    <message>
      <source>z (logit of that class)</source>
      <translation>z（该类别的 logit）</translation>
    </message>
    <message>
      <source>gradient ∂/∂z: {loss} vs {mse}</source>
      <translation>梯度 ∂/∂z：{loss} 对比 {mse}</translation>
    </message>
    <message>
      <source>Sweep the logit of</source>
      <translation>扫描 logit：</translation>
    </message>
    <message>
      <source>Logit swept</source>
      <translation>被扫描的 logit</translation>
    </message>
    <message>
      <source>The class whose logit the curves sweep (and the sigmoid view shows).
It follows the true class; clicking a class's bar also selects it.</source>
      <translation>曲线扫描其 logit 的类别（sigmoid 视图也显示这个类别）。
它跟随真实类别；点击某个类别的柱也会选中它。</translation>
    </message>
    <message>
      <source>log scale</source>
      <translation>对数刻度</translation>
    </message>
    <message>
      <source>Logarithmic loss axis</source>
      <translation>损失轴使用对数刻度</translation>
    </message>
    <message>
      <source>A logarithmic loss axis: see the loss of a right answer fall towards 0
exponentially while a wrong one grows linearly.</source>
      <translation>损失轴使用对数刻度：可以看到正确答案的损失以指数方式趋向 0，
而错误答案的损失则线性增长。</translation>
    </message>
    <message>
      <source>loss (nats)</source>
      <translation>损失（奈特）</translation>
    </message>
    <message>
      <source>Loss shown: {loss}.</source>
      <translation>显示的损失：{loss}。</translation>
    </message>
    <message>
      <source>cross-entropy</source>
      <translation>交叉熵</translation>
    </message>
    <message>
      <source>the selected loss</source>
      <translation>所选损失</translation>
    </message>
    <message>
      <source>The selected loss after each gradient-descent step z ← z − η ∇L, from the same start: solid, descent on the loss itself; dashed, descent on MSE, scored with the same loss.</source>
      <translation>从同一起点出发，每一步梯度下降 z ← z − η ∇L 之后的所选损失：实线为对该损失本身做下降；虚线为对均方误差做下降，但用同一个损失来评分。</translation>
    </message>
    <message>
      <source>gradient descent on {a} and on {b}</source>
      <translation>对 {a} 和对 {b} 做梯度下降</translation>
    </message>
    <message>
      <source>The probability of the selected class after each step: solid, descent on cross-entropy; dashed, descent on MSE. From a confidently wrong start the MSE runner barely moves: its gradient carries the sigmoid's slope, which is almost 0 there.</source>
      <translation>每一步之后所选类别的概率：实线为对交叉熵做下降；虚线为对均方误差做下降。从自信地出错的起点出发，均方误差选手几乎不动：它的梯度带有 sigmoid 的斜率，而那里的斜率几乎为 0。</translation>
    </message>
    <message>
      <source>step</source>
      <translation>步数</translation>
    </message>
    <message>
      <source>training loss plot</source>
      <translation>训练损失图</translation>
    </message>
    <message>
      <source>Press ▶ Play: gradient descent from the current logits, under cross-entropy and under MSE</source>
      <translation>按 ▶ 播放：从当前 logit 出发，分别在交叉熵和均方误差下做梯度下降</translation>
    </message>
    <message>
      <source>training probability plot</source>
      <translation>训练概率图</translation>
    </message>
    <message>
      <source>training race</source>
      <translation>训练赛跑</translation>
    </message>
    <message>
      <source>▶ Play</source>
      <translation>▶ 播放</translation>
    </message>
    <message>
      <source>Play the training race</source>
      <translation>播放训练赛跑</translation>
    </message>
    <message>
      <source>Play (Space): gradient descent from the current logits, one step per tick, under the selected loss and under MSE. The window follows the cross-entropy runner as a preview: nothing is kept until Apply.</source>
      <translation>播放（空格键）：从当前 logit 出发，每个节拍走一步，分别在所选损失和均方误差下做梯度下降。窗口跟随交叉熵选手作为预览：在点击“应用”之前不会保留任何改动。</translation>
    </message>
    <message>
      <source>❚❚ Pause</source>
      <translation>❚❚ 暂停</translation>
    </message>
    <message>
      <source>Pause the training race</source>
      <translation>暂停训练赛跑</translation>
    </message>
    <message>
      <source>Pause (Space): stop the clock; Play goes on from here.</source>
      <translation>暂停（空格键）：停止计时；再次播放会从这里继续。</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <source>One training step</source>
      <translation>训练一步</translation>
    </message>
    <message>
      <source>One gradient-descent step z ← z − η ∇L for both runners.</source>
      <translation>两名选手各做一步梯度下降 z ← z − η ∇L。</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>Reset the training race</source>
      <translation>重置训练赛跑</translation>
    </message>
    <message>
      <source>Reset: back to the logits the race started from, with no undo step.</source>
      <translation>重置：回到赛跑开始时的 logit，不记入撤销历史。</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>应用</translation>
    </message>
    <message>
      <source>Apply: keep where cross-entropy got to</source>
      <translation>应用：保留交叉熵到达的位置</translation>
    </message>
    <message>
      <source>Apply: keep where cross-entropy got to. The logits become the cross-entropy runner's, as one undo step (Reset goes back with none).</source>
      <translation>应用：保留交叉熵到达的位置。logit 变为交叉熵选手的 logit，记为一步，可撤销（“重置”回退则不记入撤销历史）。</translation>
    </message>
    <message>
      <source>training speed</source>
      <translation>训练速度</translation>
    </message>
    <message>
      <source>Steps per second while the race plays.</source>
      <translation>赛跑播放时每秒走的步数。</translation>
    </message>
    <message>
      <source>learning rate η</source>
      <translation>学习率 η</translation>
    </message>
    <message>
      <source>Learning rate η of both runners: each step is z ← z − η ∇L. Type a value and press Enter; changing it ends the race.</source>
      <translation>两名选手共用的学习率 η：每一步为 z ← z − η ∇L。输入数值后按回车；修改它会结束本次赛跑。</translation>
    </message>
    <message>
      <source>η:</source>
      <translation>η：</translation>
    </message>
    <message>
      <source>training steps taken</source>
      <translation>已走的训练步数</translation>
    </message>
    <message>
      <source>1 step/s</source>
      <translation>1 步/秒</translation>
    </message>
    <message>
      <source>step {n}</source>
      <translation>第 {n} 步</translation>
    </message>
    <message>
      <source>Gradient steps taken so far (the race stops at {n}).</source>
      <translation>目前已走的梯度步数（赛跑在第 {n} 步停止）。</translation>
    </message>
    <message>
      <source>q of “{name}”</source>
      <translation>“{name}”的 q</translation>
    </message>
    <message>
      <source>{n} steps/s</source>
      <translation>{n} 步/秒</translation>
    </message>
    <message>
      <source>restore the last session</source>
      <translation>恢复上次会话</translation>
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
      <source>σ(zᵢ/T): this output's own probability; the outputs need not sum to 1.</source>
      <translation>σ(zᵢ/T)：这个输出自己的概率；各输出之和不必为 1。</translation>
    </message>
    <message>
      <source>The target of this output, between 0 and 1 (1: the class is present).
Each output is its own yes/no problem: the targets need not sum to 1.
Type a decimal or a fraction and press Enter.</source>
      <translation>这个输出的目标值，介于 0 和 1 之间（1：该类别存在）。
每个输出都是独立的是非问题：各目标值之和不必为 1。
输入小数或分数后按回车。</translation>
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
      <source>pᵢ (true)</source>
      <translation>pᵢ（真实）</translation>
    </message>
    <message>
      <source>y (true)</source>
      <translation>y（真实）</translation>
    </message>
    <message>
      <source>targetᵢ</source>
      <translation>目标ᵢ</translation>
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
      <source>TensorFlow 2</source>
      <translation>TensorFlow 2</translation>
    </message>
    <message>
      <source>tf.compat.v1</source>
      <translation>tf.compat.v1</translation>
    </message>
    <message>
      <source>PyTorch</source>
      <translation>PyTorch</translation>
    </message>
    <message>
      <source>NumPy</source>
      <translation>NumPy</translation>
    </message>
    <message>
      <source>Code for the current state</source>
      <translation>当前状态的代码</translation>
    </message>
    <message>
      <source>A runnable script for the current state; the last line it prints is the loss.</source>
      <translation>当前状态的可运行脚本；它打印的最后一行就是损失。</translation>
    </message>
    <message>
      <source>The value the scripts print</source>
      <translation>脚本打印的数值</translation>
    </message>
    <message>
      <source>The loss readout's number with every digit (Python's repr).</source>
      <translation>损失读数的完整数字（Python 的 repr）。</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Copy the script</source>
      <translation>复制脚本</translation>
    </message>
    <message>
      <source>Copy the script of the open tab to the clipboard.</source>
      <translation>把当前标签页的脚本复制到剪贴板。</translation>
    </message>
    <message>
      <source>Last line prints: {value} (the loss readout)</source>
      <translation>最后一行打印：{value}（即损失读数）</translation>
    </message>
    <message>
      <source>sparse labels = one-hot labels</source>
      <translation>稀疏标签 = 独热标签</translation>
    </message>
    <message>
      <source>2-class softmax = sigmoid of the logit difference</source>
      <translation>二分类 softmax = logit 之差的 sigmoid</translation>
    </message>
    <message>
      <source>cross-entropy = entropy + KL</source>
      <translation>交叉熵 = 熵 + KL</translation>
    </message>
    <message>
      <source>reductions of the tf.compat.v1 losses</source>
      <translation>tf.compat.v1 损失的归约方式</translation>
    </message>
    <message>
      <source>Two routes to one number: ✓ when they agree to rounding, ✗ when they do not.</source>
      <translation>两条途径算同一个数：在舍入误差内一致时为 ✓，否则为 ✗。</translation>
    </message>
    <message>
      <source>tf.nn.sparse_softmax_cross_entropy_with_logits takes the class index y;
tf.nn.softmax_cross_entropy_with_logits takes the one-hot vector p.
Both compute −log qᵧ.</source>
      <translation>tf.nn.sparse_softmax_cross_entropy_with_logits 接受类别索引 y；
tf.nn.softmax_cross_entropy_with_logits 接受独热向量 p。
两者都计算 −log qᵧ。</translation>
    </message>
    <message>
      <source>With two classes, q₁ = e^z₁/(e^z₀ + e^z₁) = 1/(1 + e^−(z₁ − z₀)) = σ(z₁ − z₀):
a sigmoid output is a 2-class softmax whose other logit is 0.</source>
      <translation>两个类别时，q₁ = e^z₁/(e^z₀ + e^z₁) = 1/(1 + e^−(z₁ − z₀)) = σ(z₁ − z₀)：
一个 sigmoid 输出就是另一个 logit 为 0 的二分类 softmax。</translation>
    </message>
    <message>
      <source>H(p,q) = H(p) + KL(p‖q): the cross-entropy is the entropy of p plus the extra
cost of coding with q. H(p) is fixed by the data, so minimising H(p,q)
minimises KL.</source>
      <translation>H(p,q) = H(p) + KL(p‖q)：交叉熵等于 p 的熵加上用 q 编码的额外
代价。H(p) 由数据决定，因此最小化 H(p,q)
就是最小化 KL。</translation>
    </message>
    <message>
      <source>L: the per-element losses of the tf.nn function; w: the weight; N: the number
of elements. The reduction turns the weighted losses into the reported number.</source>
      <translation>L：tf.nn 函数的逐元素损失；w：权重；N：元素
个数。归约把加权后的损失变成最终报告的数值。</translation>
    </message>
    <message>
      <source>Here missed positives cost more.</source>
      <translation>此时漏报正样本的代价更高。</translation>
    </message>
    <message>
      <source>Applies to a softmax over K classes with a class index: sigmoid outputs take one target per output.</source>
      <translation>适用于以类别索引为标签的 K 类 softmax：sigmoid 输出是每个输出各有一个目标值。</translation>
    </message>
    <message>
      <source>Applies when the true label is a class index; it is a distribution now.</source>
      <translation>适用于真实标签为类别索引的情况；现在它是一个概率分布。</translation>
    </message>
    <message>
      <source>one-hot p:</source>
      <translation>独热 p：</translation>
    </message>
    <message>
      <source>Applies to a softmax over two classes or to one sigmoid: choose multiclass with K = 2, or binary.</source>
      <translation>适用于两个类别上的 softmax 或单个 sigmoid：请选择 K = 2 的多分类，或选择二分类。</translation>
    </message>
    <message>
      <source>Set K = 2 or choose binary to see it.</source>
      <translation>设 K = 2 或选择二分类即可看到。</translation>
    </message>
    <message>
      <source>log-odds {x}: the logit difference is the sigmoid's input.</source>
      <translation>对数几率 {x}：logit 之差就是 sigmoid 的输入。</translation>
    </message>
    <message>
      <source>L: the N = {n} per-element losses of the tf.nn function; w = {w}.</source>
      <translation>L：tf.nn 函数的 N = {n} 个逐元素损失；w = {w}。</translation>
    </message>
    <message>
      <source>the loss: {value} nats</source>
      <translation>损失：{value} 奈特</translation>
    </message>
    <message>
      <source>Here false alarms cost more.</source>
      <translation>此时误报的代价更高。</translation>
    </message>
    <message>
      <source>Here w = 1: plain sigmoid cross-entropy.</source>
      <translation>此时 w = 1：即普通的 sigmoid 交叉熵。</translation>
    </message>
    <message>
      <source>(one of them is not finite)</source>
      <translation>（其中一个不是有限值）</translation>
    </message>
    <message>
      <source>Summed over the outputs, each a yes/no distribution [1 − p, p].</source>
      <translation>对各输出求和，每个输出是一个是非分布 [1 − p, p]。</translation>
    </message>
    <message>
      <source>negative-label part (× 1):</source>
      <translation>负标签部分（× 1）：</translation>
    </message>
    <message>
      <source>together: the loss</source>
      <translation>合计：损失</translation>
    </message>
    <message>
      <source>sparse, y = {y}:</source>
      <translation>稀疏，y = {y}：</translation>
    </message>
    <message>
      <source>Reductions belong to the tf.compat.v1.losses functions; {name} returns its losses without a weight or a reduction.</source>
      <translation>归约属于 tf.compat.v1.losses 中的函数；{name} 直接返回损失，既不加权也不归约。</translation>
    </message>
    <message>
      <source>{formula}, shown as their mean</source>
      <translation>{formula}，显示其平均值</translation>
    </message>
    <message>
      <source>pos_weight rescales the positive-label terms</source>
      <translation>pos_weight 缩放正标签项</translation>
    </message>
    <message>
      <source>The smoothed target p′ = {p} is never one-hot, so even q = p′ leaves its entropy: the loss cannot reach 0.</source>
      <translation>平滑后的目标 p′ = {p} 永远不是独热的，所以即使 q = p′ 也会留下它的熵：损失无法降到 0。</translation>
    </message>
    <message>
      <source>(they differ by {gap})</source>
      <translation>（两者相差 {gap}）</translation>
    </message>
    <message>
      <source>positive-label part (× w = {w}):</source>
      <translation>正标签部分（× w = {w}）：</translation>
    </message>
    <message>
      <source>w &gt; 1: a missed positive (a false negative) costs w times more than a false alarm; w &lt; 1 the other way round.</source>
      <translation>w &gt; 1：漏报一个正样本（假阴性）的代价是误报的 w 倍；w &lt; 1 时则相反。</translation>
    </message>
    <message>
      <source>label smoothing floor</source>
      <translation>标签平滑的下限</translation>
    </message>
    <message>
      <source>lowest reachable loss = {factor}H(p′) = {floor} nats: why the loss stops falling</source>
      <translation>可达到的最低损失 = {factor}H(p′) = {floor} 奈特：这就是损失不再下降的原因</translation>
    </message>
    <message>
      <source>output activation → loss</source>
      <translation>输出激活 → 损失</translation>
    </message>
    <message>
      <source>problem type</source>
      <translation>问题类型</translation>
    </message>
    <message>
      <source>output activation</source>
      <translation>输出激活</translation>
    </message>
    <message>
      <source>TensorFlow function</source>
      <translation>TensorFlow 函数</translation>
    </message>
    <message>
      <source>sigmoid</source>
      <translation>sigmoid</translation>
    </message>
    <message>
      <source>binary cross-entropy</source>
      <translation>二元交叉熵</translation>
    </message>
    <message>
      <source>One yes/no output: a single logit z and q = σ(z). The usual choice for two classes; the label is 0 or 1, or a probability between them.</source>
      <translation>一个是非输出：单个 logit z，q = σ(z)。两个类别时的常用选择；标签为 0 或 1，或介于两者之间的概率。</translation>
    </message>
    <message>
      <source>binary, imbalanced</source>
      <translation>二分类，不平衡</translation>
    </message>
    <message>
      <source>weighted cross-entropy</source>
      <translation>加权交叉熵</translation>
    </message>
    <message>
      <source>When positives are rare: pos_weight w multiplies the positive-label term, so a missed positive costs w times more than a false alarm (w &gt; 1 favours recall, w &lt; 1 precision).</source>
      <translation>正样本稀少时：pos_weight w 乘在正标签项上，于是漏报一个正样本的代价是误报的 w 倍（w &gt; 1 偏向召回率，w &lt; 1 偏向精确率）。</translation>
    </message>
    <message>
      <source>binary or multi-label, with weights or label smoothing</source>
      <translation>二分类或多标签，带权重或标签平滑</translation>
    </message>
    <message>
      <source>sigmoid cross-entropy, weighted and reduced</source>
      <translation>sigmoid 交叉熵（加权并归约）</translation>
    </message>
    <message>
      <source>The TensorFlow 1 loss with extras: a weight, label smoothing p′ = p(1 − s) + s/2 against over-confidence, and a reduction over the elements.</source>
      <translation>带附加项的 TensorFlow 1 损失：权重、抑制过度自信的标签平滑 p′ = p(1 − s) + s/2，以及对各元素的归约。</translation>
    </message>
    <message>
      <source>multiclass, one-hot or soft labels</source>
      <translation>多分类，独热或软标签</translation>
    </message>
    <message>
      <source>softmax</source>
      <translation>softmax</translation>
    </message>
    <message>
      <source>categorical cross-entropy</source>
      <translation>分类交叉熵</translation>
    </message>
    <message>
      <source>Exactly one true class among K ≥ 2: softmax turns the logits into a distribution q; the label is a one-hot vector or a soft distribution p.</source>
      <translation>K ≥ 2 个类别中恰有一个真实类别：softmax 把 logit 变成概率分布 q；标签是独热向量或软分布 p。</translation>
    </message>
    <message>
      <source>multiclass, with weights or label smoothing</source>
      <translation>多分类，带权重或标签平滑</translation>
    </message>
    <message>
      <source>categorical cross-entropy, weighted and reduced</source>
      <translation>分类交叉熵（加权并归约）</translation>
    </message>
    <message>
      <source>The TensorFlow 1 softmax loss with a weight, label smoothing p′ = p(1 − s) + s/K and a reduction.</source>
      <translation>带权重、标签平滑 p′ = p(1 − s) + s/K 和归约的 TensorFlow 1 softmax 损失。</translation>
    </message>
    <message>
      <source>multiclass, class indices</source>
      <translation>多分类，类别索引</translation>
    </message>
    <message>
      <source>sparse categorical cross-entropy</source>
      <translation>稀疏分类交叉熵</translation>
    </message>
    <message>
      <source>The same loss as categorical cross-entropy, but the label is an integer class index y instead of a one-hot vector (cheaper with many classes). Choosing it makes the true label a class index.</source>
      <translation>与分类交叉熵是同一个损失，但标签是整数类别索引 y 而不是独热向量（类别很多时更省）。选择它会把真实标签切换为类别索引。</translation>
    </message>
    <message>
      <source>multiclass, class indices, with weights</source>
      <translation>多分类，类别索引，带权重</translation>
    </message>
    <message>
      <source>sparse categorical cross-entropy, weighted and reduced</source>
      <translation>稀疏分类交叉熵（加权并归约）</translation>
    </message>
    <message>
      <source>The TensorFlow 1 sparse loss: a class index y, a weight and a reduction (no label smoothing: an index cannot be smoothed).</source>
      <translation>TensorFlow 1 的稀疏损失：类别索引 y、权重和归约（没有标签平滑：索引无法平滑）。</translation>
    </message>
    <message>
      <source>multi-label (independent classes)</source>
      <translation>多标签（类别相互独立）</translation>
    </message>
    <message>
      <source>K sigmoids</source>
      <translation>K 个 sigmoid</translation>
    </message>
    <message>
      <source>binary cross-entropy per class</source>
      <translation>逐类别的二元交叉熵</translation>
    </message>
    <message>
      <source>Any number of classes can be true at once (tags): each logit has its own sigmoid and its own yes/no cross-entropy; the targets need not sum to 1.</source>
      <translation>可以同时有任意多个类别为真（如打标签）：每个 logit 有自己的 sigmoid 和自己的是非交叉熵；各目标值之和不必为 1。</translation>
    </message>
    <message>
      <source>any</source>
      <translation>任意</translation>
    </message>
    <message>
      <source>softmax or sigmoid</source>
      <translation>softmax 或 sigmoid</translation>
    </message>
    <message>
      <source>mean squared error (learns slowly behind a saturating output)</source>
      <translation>均方误差（接在饱和输出之后学得慢）</translation>
    </message>
    <message>
      <source>Works, but behind a saturating sigmoid or softmax its gradient vanishes when the prediction is confidently wrong, so it learns slowly: prefer cross-entropy. Choosing it keeps the problem type.</source>
      <translation>可以用，但接在会饱和的 sigmoid 或 softmax 之后，当预测自信地出错时它的梯度会消失，因此学得很慢：应优先使用交叉熵。选择它会保留当前的问题类型。</translation>
    </message>
    <message>
      <source>Click a row to apply its problem type and loss; the current one is highlighted.</source>
      <translation>点击某一行即可应用其问题类型和损失函数；当前所用的那一行会高亮显示。</translation>
    </message>
    <message>
      <source>Classifier and loss selection guide</source>
      <translation>分类器与损失函数选择指南</translation>
    </message>
    <message>
      <source>Click a row (or press Enter or Space) to apply it.</source>
      <translation>点击某一行（或按回车键或空格键）即可应用。</translation>
    </message>
    <message>
      <source>Current: {problem}, {loss} ({function}).</source>
      <translation>当前：{problem}，{loss}（{function}）。</translation>
    </message>
    <message>
      <source>none: the weighted values w·L themselves (the readout shows their mean)</source>
      <translation>none：加权值 w·L 本身（读数显示其平均值）</translation>
    </message>
    <message>
      <source>weighted_sum: Σ w·L</source>
      <translation>weighted_sum：Σ w·L</translation>
    </message>
    <message>
      <source>weighted_mean: Σ w·L / Σ w</source>
      <translation>weighted_mean：Σ w·L / Σ w</translation>
    </message>
    <message>
      <source>weighted_sum_over_batch_size: Σ w·L / N</source>
      <translation>weighted_sum_over_batch_size：Σ w·L / N</translation>
    </message>
    <message>
      <source>weighted_sum_by_nonzero_weights: Σ w·L / #(w ≠ 0), TensorFlow's default</source>
      <translation>weighted_sum_by_nonzero_weights：Σ w·L / #(w ≠ 0)，TensorFlow 的默认值</translation>
    </message>
    <message>
      <source>binary: one sigmoid</source>
      <translation>二分类：单个 sigmoid</translation>
    </message>
    <message>
      <source>multiclass: softmax</source>
      <translation>多分类：softmax</translation>
    </message>
    <message>
      <source>multi-label: K sigmoids</source>
      <translation>多标签：K 个 sigmoid</translation>
    </message>
    <message>
      <source>tf.nn: no options; weights, reduction and smoothing belong to tf.compat.v1.</source>
      <translation>tf.nn：没有选项；权重、归约和平滑属于 tf.compat.v1。</translation>
    </message>
    <message>
      <source>Classes and true label</source>
      <translation>类别与真实标签</translation>
    </message>
    <message>
      <source>The output activation. binary: one logit and σ(z); multiclass: K logits and a softmax (one true class); multi-label: K independent sigmoids (any number of true classes).</source>
      <translation>输出激活。二分类：一个 logit 和 σ(z)；多分类：K 个 logit 和一个 softmax（一个真实类别）；多标签：K 个相互独立的 sigmoid（真实类别的个数任意）。</translation>
    </message>
    <message>
      <source>Problem:</source>
      <translation>问题类型：</translation>
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
      <source>The TensorFlow function whose value 'loss' shows, for this one example, in nats. Only the functions that suit the problem type can be chosen.</source>
      <translation>“损失”读数所显示的 TensorFlow 函数，针对这一个样本，单位为奈特。只能选择适合当前问题类型的函数。</translation>
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
      <source>weights of the tf.compat.v1 losses (a scalar here): the loss is multiplied by it before the reduction. 0 drops the example (the loss becomes 0).</source>
      <translation>tf.compat.v1 损失的 weights（这里是一个标量）：归约之前先用它乘以损失。0 会丢弃该样本（损失变为 0）。</translation>
    </message>
    <message>
      <source>Weight:</source>
      <translation>权重：</translation>
    </message>
    <message>
      <source>How a tf.compat.v1 loss combines its weighted per-element values.</source>
      <translation>tf.compat.v1 损失如何合并加权后的逐元素值。</translation>
    </message>
    <message>
      <source>Reduction:</source>
      <translation>归约：</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses: the weight, the reduction and label smoothing apply.</source>
      <translation>tf.compat.v1.losses：权重、归约和标签平滑均适用。</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses: the weight and the reduction apply.</source>
      <translation>tf.compat.v1.losses：权重和归约适用。</translation>
    </message>
    <message>
      <source>tf.nn: only pos_weight applies; the readout is the mean over the outputs.</source>
      <translation>tf.nn：只有 pos_weight 适用；读数是各输出的平均值。</translation>
    </message>
    <message>
      <source>not 1: these are unnormalised soft labels. TensorFlow accepts them; H, H(p,q) and KL are computed as written. Distribution › Normalise p rescales them.</source>
      <translation>不等于 1：这是未归一化的软标签。TensorFlow 接受它们；H、H(p,q) 和 KL 按原样计算。“分布 › 归一化 p”可以重新缩放。</translation>
    </message>
    <message>
      <source>Not available: </source>
      <translation>不可用：</translation>
    </message>
    <message>
      <source>undefined (0·∞)</source>
      <translation>未定义（0·∞）</translation>
    </message>
    <message>
      <source>undefined (∞/∞)</source>
      <translation>未定义（∞/∞）</translation>
    </message>
    <message>
      <source>undefined (0/0)</source>
      <translation>未定义（0/0）</translation>
    </message>
    <message>
      <source>Common mistakes: switch one on to see the wrong number beside the right one.</source>
      <translation>常见错误：打开其中一项，就能看到错误数值与正确数值并排显示。</translation>
    </message>
    <message>
      <source>Precision:</source>
      <translation>精度：</translation>
    </message>
    <message>
      <source>float64 (double)</source>
      <translation>float64（双精度）</translation>
    </message>
    <message>
      <source>float32 (single)</source>
      <translation>float32（单精度）</translation>
    </message>
    <message>
      <source>Precision of the pitfalls</source>
      <translation>陷阱的计算精度</translation>
    </message>
    <message>
      <source>The float precision the pitfalls are computed in. exp overflows above 709.78 in float64 and above 88.72 in float32.</source>
      <translation>计算这些陷阱所用的浮点精度。exp 在 float64 中超过 709.78 会溢出，在 float32 中超过 88.72 会溢出。</translation>
    </message>
    <message>
      <source>Probabilities passed as logits</source>
      <translation>把概率当作 logit 传入</translation>
    </message>
    <message>
      <source>Passing probabilities q to a …_with_logits loss, which applies its own activation to them again.</source>
      <translation>把概率 q 传给 …_with_logits 损失，而它会对其再施加一次自己的激活函数。</translation>
    </message>
    <message>
      <source>The textbook formula without the stability trick: exp of a large number overflows to ∞ in the chosen precision.</source>
      <translation>不带稳定化技巧的教科书公式：在所选精度下，大数的 exp 会溢出为 ∞。</translation>
    </message>
    <message>
      <source>σ of a probability lies between 0.5 and 0.731: whatever the logit, the prediction is squeezed into that band.</source>
      <translation>对概率取 σ 的结果介于 0.5 和 0.731 之间：无论 logit 是多少，预测都被挤压到这个区间内。</translation>
    </message>
    <message>
      <source>A second softmax reads probabilities in [0, 1] as logits that differ by at most 1, so it squeezes the prediction towards uniform (1/K).</source>
      <translation>第二次 softmax 把 [0, 1] 中的概率当作彼此最多相差 1 的 logit，因此会把预测挤向均匀分布 (1/K)。</translation>
    </message>
    <message>
      <source>σ from e&lt;sup&gt;−|z|&lt;/sup&gt;</source>
      <translation>由 e&lt;sup&gt;−|z|&lt;/sup&gt; 计算 σ</translation>
    </message>
    <message>
      <source>softmax of z − max z</source>
      <translation>对 z − max z 取 softmax</translation>
    </message>
    <message>
      <source>No overflow here: both agree. Push a logit past the limit to break it.</source>
      <translation>此处没有溢出：两者一致。把某个 logit 推过上限就能让它出错。</translation>
    </message>
    <message>
      <source>Sigmoid applied twice</source>
      <translation>Sigmoid 施加了两次</translation>
    </message>
    <message>
      <source>Softmax applied twice</source>
      <translation>Softmax 施加了两次</translation>
    </message>
    <message>
      <source>Naive sigmoid 1/(1 + e^−z)</source>
      <translation>朴素 sigmoid 1/(1 + e^−z)</translation>
    </message>
    <message>
      <source>Naive softmax (no max shift)</source>
      <translation>朴素 softmax（不减最大值）</translation>
    </message>
    <message>
      <source>Set K = 3 and the logits to [123, 456, 789]: exp(789) overflows, so the naive softmax gives ∞/∞ while the shifted one gives [0, 0, 1].</source>
      <translation>设 K = 3，logit 设为 [123, 456, 789]：exp(789) 溢出，因此朴素 softmax 得到 ∞/∞，而平移后的 softmax 得到 [0, 0, 1]。</translation>
    </message>
    <message>
      <source>The overflow example [123, 456, 789] is a softmax over three classes: choose the multiclass problem type first.</source>
      <translation>溢出示例 [123, 456, 789] 是三个类别上的 softmax：请先选择多分类问题类型。</translation>
    </message>
    <message>
      <source>The loss applies its own {f} to what it is given, so the probabilities are squashed a second time and the loss can no longer reach its minimum.</source>
      <translation>损失会对收到的输入施加自己的 {f}，因此概率被再压缩一次，损失再也无法达到其最小值。</translation>
    </message>
    <message>
      <source>exp overflows above {limit} in {dtype}; the largest exponent here is {x}</source>
      <translation>在 {dtype} 中 exp 超过 {limit} 就会溢出；这里最大的指数是 {x}</translation>
    </message>
    <message>
      <source>Try [123, 456, 789]</source>
      <translation>试试 [123, 456, 789]</translation>
    </message>
    <message>
      <source>A model that already ends in {f} whose output goes through {f} again, e.g. a {f} layer followed by a loss that applies its own.</source>
      <translation>模型末尾已经有 {f}，其输出却再经过一次 {f}，例如 {f} 层后面接一个自带 {f} 的损失。</translation>
    </message>
    <message>
      <source>right</source>
      <translation>正确</translation>
    </message>
    <message>
      <source>wrong</source>
      <translation>错误</translation>
    </message>
    <message>
      <source>The naive σ rounded to exactly 1 (or 0), so the log of the other outcome is log 0 = −∞. The stable form computes log σ from e^−|z| and never rounds so.</source>
      <translation>朴素的 σ 被舍入成恰好 1（或 0），于是另一个结果的对数是 log 0 = −∞。稳定形式由 e^−|z| 计算 log σ，不会这样舍入。</translation>
    </message>
    <message>
      <source>naive</source>
      <translation>朴素</translation>
    </message>
    <message>
      <source>stable</source>
      <translation>稳定</translation>
    </message>
    <message>
      <source>loss: naive</source>
      <translation>损失：朴素</translation>
    </message>
    <message>
      <source>exp({x}) = ∞, so the naive σ is exactly 0 and log 0 = −∞. The stable form computes log σ from e^−|z|, which never overflows.</source>
      <translation>exp({x}) = ∞，因此朴素的 σ 恰好为 0，log 0 = −∞。稳定形式由 e^−|z| 计算 log σ，永远不会溢出。</translation>
    </message>
    <message>
      <source>loss of the logits (right):</source>
      <translation>以 logit 计算的损失（正确）：</translation>
    </message>
    <message>
      <source>loss of the probabilities as logits (wrong):</source>
      <translation>把概率当作 logit 的损失（错误）：</translation>
    </message>
    <message>
      <source>even a perfect prediction would score {value} nats</source>
      <translation>即使是完美的预测也会得到 {value} 奈特</translation>
    </message>
    <message>
      <source>Every exp underflowed to 0 and 0/0 has no value. Subtracting the largest logit first makes one exponent 0, so the sum is at least 1.</source>
      <translation>每个 exp 都下溢为 0，而 0/0 没有值。先减去最大的 logit 会使其中一个指数为 0，因此总和至少为 1。</translation>
    </message>
    <message>
      <source>The naive q of the true class rounded to 0, so log 0 = −∞; the stable loss works with log q, which stays finite.</source>
      <translation>真实类别的朴素 q 被舍入为 0，于是 log 0 = −∞；稳定的损失直接使用 log q，它始终有限。</translation>
    </message>
    <message>
      <source>exp({x}) = ∞ and ∞/∞ has no value. Subtracting the largest logit first keeps every exponent ≤ 0, so exp cannot overflow.</source>
      <translation>exp({x}) = ∞，而 ∞/∞ 没有值。先减去最大的 logit 使每个指数都 ≤ 0，因此 exp 不会溢出。</translation>
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
      <source>Mean squared error between q and p (unitless).</source>
      <translation>q 与 p 之间的均方误差（无单位）。</translation>
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
      <source>With label smoothing the target is p′, never one-hot, so the loss cannot
reach 0: its smallest value is at q = p′. That is why it stops falling.</source>
      <translation>使用标签平滑时目标是 p′，永远不是独热的，因此损失无法
降到 0：其最小值在 q = p′ 处取得。这就是它不再下降的原因。</translation>
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
      <source>weight</source>
      <translation>权重</translation>
    </message>
    <message>
      <source>reduction</source>
      <translation>归约</translation>
    </message>
    <message>
      <source>problem: {kind}</source>
      <translation>问题类型：{kind}</translation>
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
      <source>floor with label smoothing:</source>
      <translation>标签平滑下的下限：</translation>
    </message>
    <message>
      <source>the loss cannot go below {floor}, its value at q = p′.</source>
      <translation>损失不会低于 {floor}，即它在 q = p′ 处的值。</translation>
    </message>
    <message>
      <source>one sigmoid = a 2-class softmax</source>
      <translation>单个 sigmoid = 二分类 softmax</translation>
    </message>
    <message>
      <source>Now:</source>
      <translation>现在：</translation>
    </message>
    <message>
      <source>Guess first. Press Enter to reveal.</source>
      <translation>先猜一猜。按回车揭晓。</translation>
    </message>
    <message>
      <source>Scene details</source>
      <translation>场景详情</translation>
    </message>
    <message>
      <source>The title and the note are saved with the scene and shown when it opens. A predict question is put to the room before the numbers are revealed.</source>
      <translation>标题和说明随场景一起保存，并在打开场景时显示。预测问题会在揭晓数字之前先抛给听众。</translation>
    </message>
    <message>
      <source>Scene title</source>
      <translation>场景标题</translation>
    </message>
    <message>
      <source>e.g. Why the max-shift trick matters</source>
      <translation>例如：为什么减去最大值的技巧很重要</translation>
    </message>
    <message>
      <source>Note for the room</source>
      <translation>给听众的说明</translation>
    </message>
    <message>
      <source>What the room should look at, in a few lines</source>
      <translation>用几行字说明听众应该关注什么</translation>
    </message>
    <message>
      <source>Predict question</source>
      <translation>预测问题</translation>
    </message>
    <message>
      <source>Optional, e.g. What happens to the loss if T grows?</source>
      <translation>可选，例如：T 增大时损失会怎样？</translation>
    </message>
    <message>
      <source>&amp;Title:</source>
      <translation>标题(&amp;T)：</translation>
    </message>
    <message>
      <source>&amp;Note for the room:</source>
      <translation>给听众的说明(&amp;N)：</translation>
    </message>
    <message>
      <source>&amp;Predict question:</source>
      <translation>预测问题(&amp;P)：</translation>
    </message>
    <message>
      <source>The scenes of the lecture, in order. Click one to open it.
PageDown / PageUp: next / previous step or scene; 1–9: scene n;
Home or R: back to the scene as prepared; H: predict, then reveal.</source>
      <translation>本次讲课的场景，按顺序排列。点击一个即可打开。
PageDown / PageUp：下一个 / 上一个步骤或场景；1–9：第 n 个场景；
Home 或 R：恢复场景准备好时的原样；H：先预测，再揭晓。</translation>
    </message>
    <message>
      <source>step {k} of {n}</source>
      <translation>第 {k} 步，共 {n} 步</translation>
    </message>
    <message>
      <source>{n} steps</source>
      <translation>共 {n} 步</translation>
    </message>
    <message>
      <source>sigmoid cross-entropy</source>
      <translation>sigmoid 交叉熵</translation>
    </message>
    <message>
      <source>tf.nn.sigmoid_cross_entropy_with_logits, averaged over the K outputs:
max(x, 0) − x·p + log(1 + e^−|x|) per output, x = z/T.</source>
      <translation>tf.nn.sigmoid_cross_entropy_with_logits，对 K 个输出取平均：
每个输出为 max(x, 0) − x·p + log(1 + e^−|x|)，x = z/T。</translation>
    </message>
    <message>
      <source>weighted sigmoid cross-entropy</source>
      <translation>加权 sigmoid 交叉熵</translation>
    </message>
    <message>
      <source>tf.nn.weighted_cross_entropy_with_logits, averaged over the K outputs:
−w·p log σ(x) − (1 − p) log(1 − σ(x)); w &gt; 1 makes a missed positive cost more.</source>
      <translation>tf.nn.weighted_cross_entropy_with_logits，对 K 个输出取平均：
−w·p log σ(x) − (1 − p) log(1 − σ(x))；w &gt; 1 使漏报正样本的代价更高。</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses.sigmoid_cross_entropy: the sigmoid cross-entropy of
p′ = p(1 − s) + s/2 per output, times the weight, then the reduction.</source>
      <translation>tf.compat.v1.losses.sigmoid_cross_entropy：每个输出对
p′ = p(1 − s) + s/2 的 sigmoid 交叉熵，乘以权重，再做归约。</translation>
    </message>
    <message>
      <source>softmax cross-entropy</source>
      <translation>softmax 交叉熵</translation>
    </message>
    <message>
      <source>tf.nn.softmax_cross_entropy_with_logits: −Σ pᵢ log softmax(z/T)ᵢ,
for one-hot or soft labels.</source>
      <translation>tf.nn.softmax_cross_entropy_with_logits：−Σ pᵢ log softmax(z/T)ᵢ，
适用于独热标签或软标签。</translation>
    </message>
    <message>
      <source>softmax cross-entropy, weighted and reduced</source>
      <translation>softmax 交叉熵（加权并归约）</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses.softmax_cross_entropy: −Σ p′ᵢ log softmax(z/T)ᵢ with
p′ = p(1 − s) + s/K, times the weight, then the reduction.</source>
      <translation>tf.compat.v1.losses.softmax_cross_entropy：−Σ p′ᵢ log softmax(z/T)ᵢ，其中
p′ = p(1 − s) + s/K，乘以权重，再做归约。</translation>
    </message>
    <message>
      <source>sparse softmax cross-entropy</source>
      <translation>稀疏 softmax 交叉熵</translation>
    </message>
    <message>
      <source>tf.nn.sparse_softmax_cross_entropy_with_logits: −log softmax(z/T)ᵧ
for the class index y (an int, not a one-hot vector).</source>
      <translation>tf.nn.sparse_softmax_cross_entropy_with_logits：对类别索引 y 取 −log softmax(z/T)ᵧ
（y 是整数，不是独热向量）。</translation>
    </message>
    <message>
      <source>sparse softmax cross-entropy, weighted and reduced</source>
      <translation>稀疏 softmax 交叉熵（加权并归约）</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses.sparse_softmax_cross_entropy: −log softmax(z/T)ᵧ
for the class index y, times the weight, then the reduction.</source>
      <translation>tf.compat.v1.losses.sparse_softmax_cross_entropy：对类别索引 y 取 −log softmax(z/T)ᵧ，
乘以权重，再做归约。</translation>
    </message>
    <message>
      <source>mean squared error</source>
      <translation>均方误差</translation>
    </message>
    <message>
      <source>tf.compat.v1.losses.mean_squared_error of the probabilities (softmax or
sigmoid): (1/K) Σ (qᵢ − pᵢ)², times the weight, then the reduction.</source>
      <translation>tf.compat.v1.losses.mean_squared_error，作用于概率（softmax 或
sigmoid 的输出）：(1/K) Σ (qᵢ − pᵢ)²，乘以权重，再做归约。</translation>
    </message>
  </context>
</TS>
