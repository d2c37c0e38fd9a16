using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Policies;

public enum FlowNodeKind
{
    Step,
    /// <summary>The flow ends approved (<see cref="FlowRoute.Approved"/>).</summary>
    Approved,
    /// <summary>The flow ends rejected (<see cref="FlowRoute.Rejected"/>).</summary>
    Rejected,
}

public enum FlowEdgeKind
{
    Approve,
    Reject,
    Branch,
    /// <summary>The step's deadline passing leads on as an approval (hubei Art. 20 视为同意).</summary>
    Deemed,
}

/// <summary>What a line of a node says; the component styles each kind.</summary>
public enum FlowLineKind
{
    Name,
    Handler,
    Deadline,
    Reading,
    Timeout,
    Extra,
    Article,
    End,
    Label,
}

/// <summary>A line of text at its baseline (<see cref="X"/> is where it starts; ends are centred).</summary>
public sealed record FlowTextLine(string Text, FlowLineKind Kind, double X, double Y);

public readonly record struct FlowPoint(double X, double Y);

public sealed record FlowNode(
    string Key,
    FlowNodeKind Kind,
    int Layer,
    int Row,
    double X,
    double Y,
    double Width,
    double Height,
    IReadOnlyList<FlowTextLine> Lines,
    StepRule? Step)
{
    /// <summary>The step may send the case back for revision (drawn as a loop on the node, not as an edge).</summary>
    public bool Returnable => Step?.Actions.HasFlag(StepActions.Return) == true;

    public bool IsChoice => Step?.Branches.Count > 0;

    public double Right => X + Width;
    public double Bottom => Y + Height;
}

public sealed record FlowEdge(string From, string To, string Label, FlowEdgeKind Kind, IReadOnlyList<FlowPoint> Points,
    IReadOnlyList<FlowTextLine> LabelLines);

/// <summary>
/// Lays out one flow as a diagram the portal draws itself (FlowDiagram.razor renders it as inline SVG): nodes are the
/// steps and the ends that some route reaches; columns are layers by the longest route from the first step (the
/// validator forbids route cycles), rows keep a step's first route straight and put further branches below; edges run
/// orthogonally through the gaps between columns, and an edge that skips columns runs along a lane above or below the
/// columns it skips. Text is wrapped by a fixed-width estimate (a Chinese character is as wide as the font size), so the
/// same rule always gives the same picture.
/// </summary>
public sealed class FlowDiagramLayout
{
    public const double StepWidth = 216, EndWidth = 100, EndHeight = 36;
    public const double NameSize = 13, TextSize = 12, SmallSize = 11, LabelSize = 12;
    private const double Pad = 10, LineGap = 4, RowGap = 34, Margin = 12, LoopSpace = 22, Channel = 10, LabelMaxWidth = 120;

    public FlowRule Flow { get; }
    public double Width { get; }
    public double Height { get; }
    public IReadOnlyList<FlowNode> Nodes { get; }
    public IReadOnlyList<FlowEdge> Edges { get; }

    public FlowNode Node(string key) => Nodes.Single(n => n.Key == key);

    private FlowDiagramLayout(FlowRule flow, double width, double height, IReadOnlyList<FlowNode> nodes, IReadOnlyList<FlowEdge> edges)
    {
        Flow = flow;
        Width = width;
        Height = height;
        Nodes = nodes;
        Edges = edges;
    }

    public static FlowDiagramLayout Of(FlowRule flow) => new Builder(flow).Build();

    /// <summary>The font size of each kind of line (app.css .gdp-flow-svg says the same).</summary>
    public static double FontSize(FlowLineKind kind) => kind switch
    {
        FlowLineKind.Name or FlowLineKind.End => NameSize,
        FlowLineKind.Reading or FlowLineKind.Article => SmallSize,
        FlowLineKind.Label => LabelSize,
        _ => TextSize,
    };

    /// <summary>The Chinese words for where a step's deadline counts from.</summary>
    public static string AnchorText(FlowRule flow, DeadlineAnchor anchor) => anchor switch
    {
        DeadlineAnchor.FlowStarted => "自收到申请起",
        DeadlineAnchor.GivenDate => $"自{(string.IsNullOrWhiteSpace(flow.GivenDateName) ? "指定日期" : flow.GivenDateName)}起",
        _ => "自收到任务起",
    };

    /// <summary>"5个工作日，自收到申请起", or "无法定期限" (which counts from nothing).</summary>
    public static string DeadlineLine(FlowRule flow, StepRule step) =>
        step.Days is null ? DeadlineText.Days(null) : $"{DeadlineText.Days(step.Days)}，{AnchorText(flow, step.Anchor)}";

    /// <summary>"提供部门·部门审核人", or every actor of a step with several: "会签：提供部门·部门审核人、数据主管部门·主管部门审核人".</summary>
    public static string HandlerLine(StepRule step)
    {
        if (step.Also.Count == 0) return PolicyTexts.Participant(step.Participants.First());
        var all = string.Join("、", step.Participants.Select(PolicyTexts.Participant));
        return step.Consensus switch
        {
            Consensus.All => "会签：" + all,
            Consensus.Any => "或签：" + all,
            _ => all,
        };
    }

    /// <summary>The name of a route's end.</summary>
    public static string EndName(string target) => target == FlowRoute.Approved ? "办结（同意）" : "不予通过";

    /// <summary>The whole flow in words, for the diagram's &lt;desc&gt; (screen readers) and for print.</summary>
    public static string Describe(FlowRule flow)
    {
        var parts = new List<string> { $"{flow.Name}，共{flow.Steps.Count}个步骤，依据{flow.Citation.Article}。" };
        foreach (var (step, i) in flow.Steps.Select((s, i) => (s, i)))
        {
            var text = $"第{i + 1}步“{step.Name}”：{HandlerLine(step)}；期限{DeadlineLine(flow, step)}";
            if (step.Days is not null) text += $"，逾期{PolicyTexts.OnTimeout(step.OnTimeout)}";
            text += $"；依据{step.Citation.Article}";
            if (step.Actions.HasFlag(StepActions.Return)) text += "；可退回修改";
            var routes = flow.Routes(step).Select(r => $"{r.Label}则{(FlowRoute.IsEnd(r.Target) ? EndName(r.Target) : $"至“{flow.Step(r.Target)?.Name ?? r.Target}”")}");
            parts.Add(text + "；" + string.Join("，", routes) + "。");
        }
        return string.Concat(parts);
    }

    /// <summary>Estimated width of <paramref name="text"/>: CJK and full-width characters as wide as the font, the rest 0.6 of it.</summary>
    public static double TextWidth(string text, double size) => text.Sum(c => c >= '\u2E80' ? size : size * 0.6);

    private const string ClosingPunctuation = "）》」』，。、；：！？)]";

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/>, keeping closing punctuation off a line's start.</summary>
    public static IReadOnlyList<string> Wrap(string text, double width, double size)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        double used = 0;
        foreach (var c in text)
        {
            var w = TextWidth(c.ToString(), size);
            if (used + w > width && line.Length > 0)
            {
                // Closing punctuation never starts a line: the character before it moves down with it.
                var carried = ClosingPunctuation.Contains(c) && line.Length > 1 ? line[^1].ToString() : "";
                lines.Add(line.ToString(0, line.Length - carried.Length));
                line.Clear().Append(carried);
                used = TextWidth(carried, size);
            }
            line.Append(c);
            used += w;
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }

    private sealed class RawNode(string key, FlowNodeKind kind, StepRule? step, int order)
    {
        public string Key { get; } = key;
        public FlowNodeKind Kind { get; } = kind;
        public StepRule? Step { get; } = step;
        public int Order { get; } = order;
        public int Layer;
        public int Row;
        public double X, Y, Width, Height;
        public List<(string Text, FlowLineKind Kind)> Text = [];
        public List<RawEdge> Out = [];
        public double Top => Y - (Step?.Actions.HasFlag(StepActions.Return) == true ? LoopSpace : 0);
    }

    private sealed class RawEdge(RawNode from, RawNode to, string label, FlowEdgeKind kind, int port)
    {
        public RawNode From { get; } = from;
        public RawNode To { get; } = to;
        public string Label { get; } = label;
        public FlowEdgeKind Kind { get; } = kind;
        public int Port { get; } = port;
        public bool Back;
        public IReadOnlyList<string> LabelLines = [];
        public double PortY;
        public List<FlowPoint> Points = [];
        public bool Straight => !Back && To.Layer == From.Layer + 1;
    }

    private sealed class Builder(FlowRule flow)
    {
        private readonly Dictionary<string, RawNode> _nodes = [];
        private readonly List<RawEdge> _edges = [];

        public FlowDiagramLayout Build()
        {
            CreateNodes();
            Layer();
            Rows();
            Size();
            Place();
            Route();
            return Project();
        }

        private void CreateNodes()
        {
            var order = 0;
            foreach (var step in flow.Steps) _nodes.TryAdd(step.Key, new RawNode(step.Key, FlowNodeKind.Step, step, order++));
            foreach (var node in _nodes.Values.ToList())
            {
                var port = 0;
                foreach (var (label, target) in flow.Routes(node.Step!))
                {
                    var to = Target(target, ref order);
                    if (to is null) continue; // a dangling target: the validator refuses it; draw what is there
                    var kind = Kind(node.Step!, label);
                    var shown = kind == FlowEdgeKind.Approve && node.Step!.Days is not null && node.Step.OnTimeout == TimeoutAction.DeemedApproval
                        ? "同意／逾期视为同意" : label;
                    var edge = new RawEdge(node, to, shown, kind, port++)
                    {
                        LabelLines = Wrap(shown, LabelMaxWidth, LabelSize),
                    };
                    node.Out.Add(edge);
                    _edges.Add(edge);
                }
            }
        }

        private RawNode? Target(string target, ref int order)
        {
            if (_nodes.TryGetValue(target, out var node)) return node;
            if (!FlowRoute.IsEnd(target)) return null;
            var kind = target == FlowRoute.Approved ? FlowNodeKind.Approved : FlowNodeKind.Rejected;
            // Ends after every step; the approved end before the rejected one whatever route reaches them first.
            var end = new RawNode(target, kind, null, 1000 + (int)kind);
            _nodes[target] = end;
            return end;
        }

        private static FlowEdgeKind Kind(StepRule step, string label) => label switch
        {
            "同意" when step.Actions.HasFlag(StepActions.Approve) => FlowEdgeKind.Approve,
            "不同意" when step.Actions.HasFlag(StepActions.Reject) => FlowEdgeKind.Reject,
            "逾期视为同意" when step.Branches.All(b => b.Name != label) => FlowEdgeKind.Deemed,
            _ => FlowEdgeKind.Branch,
        };

        /// <summary>Longest route from the first step (steps no route reaches start at the first column too).</summary>
        private void Layer()
        {
            var state = new Dictionary<RawNode, bool>(); // false: on the DFS stack; true: done
            var postOrder = new List<RawNode>();
            void Visit(RawNode n)
            {
                state[n] = false;
                foreach (var e in n.Out)
                {
                    if (!state.TryGetValue(e.To, out var done)) Visit(e.To);
                    else if (!done) e.Back = true; // a cycle the validator should have refused: drawn, not layered
                }
                state[n] = true;
                postOrder.Add(n);
            }
            foreach (var n in Ordered()) if (!state.ContainsKey(n)) Visit(n);
            postOrder.Reverse();
            foreach (var n in postOrder)
                foreach (var e in n.Out.Where(e => !e.Back))
                    e.To.Layer = Math.Max(e.To.Layer, n.Layer + 1);
        }

        /// <summary>Each column in order of its predecessors' rows and route order, so the first route runs straight.</summary>
        private void Rows()
        {
            foreach (var layer in Ordered().GroupBy(n => n.Layer).OrderBy(g => g.Key))
            {
                var ordered = layer
                    .OrderBy(n => _edges.Where(e => e.To == n && !e.Back && e.From.Layer < n.Layer)
                        .Select(e => e.From.Row * 100 + e.Port).DefaultIfEmpty(int.MaxValue).Min())
                    .ThenBy(n => n.Order)
                    .ToList();
                for (var i = 0; i < ordered.Count; i++) ordered[i].Row = i;
            }
        }

        private void Size()
        {
            foreach (var n in _nodes.Values)
            {
                if (n.Step is not { } step)
                {
                    n.Width = EndWidth;
                    n.Height = EndHeight;
                    n.Text.Add((EndName(n.Key), FlowLineKind.End));
                    continue;
                }
                n.Width = StepWidth;
                var inner = StepWidth - 2 * Pad;
                void Add(string text, FlowLineKind kind)
                {
                    foreach (var line in Wrap(text, inner, FontSize(kind))) n.Text.Add((line, kind));
                }
                Add(step.Name, FlowLineKind.Name);
                Add(HandlerLine(step), FlowLineKind.Handler);
                Add("期限：" + DeadlineLine(flow, step) + (step.Reading is null ? "" : "*"), FlowLineKind.Deadline);
                if (step.Reading is not null) Add("*" + step.Reading, FlowLineKind.Reading);
                if (step.Days is not null) Add("逾期：" + PolicyTexts.OnTimeout(step.OnTimeout), FlowLineKind.Timeout);
                if (step.Branches.Count > 0) Add("由办理人择一办理", FlowLineKind.Extra);
                if (step.Actions.HasFlag(StepActions.Forward)) Add("可转交其他部门办理", FlowLineKind.Extra);
                if (step.Actions.HasFlag(StepActions.RequestExtension) && flow.Extension is not null)
                    Add("可延期：" + PolicyTexts.Extension(flow, step), FlowLineKind.Extra);
                if (step.NotifiesRequester) Add("告知申请人（记录已告知）", FlowLineKind.Extra);
                if (flow.Coordination?.StepKey == step.Key) Add("申请人可请求协调", FlowLineKind.Extra);
                Add(step.Citation.Article, FlowLineKind.Article);

                var textHeight = Pad + n.Text.Sum(t => FontSize(t.Kind) + LineGap) + Pad - LineGap;
                // Outgoing routes leave from the middle down, each label above its own line: leave room for all.
                var ports = PortOffsets(n);
                var portsHeight = 2 * ((ports.Count == 0 ? 0 : ports[^1]) + 10);
                n.Height = Math.Max(textHeight, Math.Max(56, portsHeight));
            }
        }

        private static List<double> PortOffsets(RawNode n)
        {
            var offsets = new List<double>();
            double at = 0;
            foreach (var e in n.Out)
            {
                if (offsets.Count > 0) at += e.LabelLines.Count * (LabelSize + 2) + 8;
                offsets.Add(at);
            }
            return offsets;
        }

        private double[] _layerX = [], _gapStart = [], _labelWidth = [];

        private void Place()
        {
            var layers = _nodes.Values.Max(n => n.Layer) + 1;
            var rows = _nodes.Values.Max(n => n.Row) + 1;
            var layerWidth = Enumerable.Range(0, layers).Select(l => _nodes.Values.Where(n => n.Layer == l).Max(n => n.Width)).ToArray();
            _labelWidth = Enumerable.Range(0, layers)
                .Select(l => _edges.Where(e => e.From.Layer == l).Select(e => e.LabelLines.Max(t => TextWidth(t, LabelSize))).DefaultIfEmpty(0).Max())
                .ToArray();
            var channels = Enumerable.Range(0, layers).Select(l => Channels(l).Count).ToArray();
            _layerX = new double[layers];
            _gapStart = new double[layers];
            double x = Margin + Channel * (Channels(-1).Count + 1);
            for (var l = 0; l < layers; l++)
            {
                _layerX[l] = x;
                _gapStart[l] = x + layerWidth[l];
                x = _gapStart[l] + Math.Max(56, 8 + _labelWidth[l] + 8 + Channel * channels[l] + 16);
            }

            var rowHeight = Enumerable.Range(0, rows).Select(r => _nodes.Values.Where(n => n.Row == r).Select(n => n.Height).DefaultIfEmpty(0).Max()).ToArray();
            double y = Margin + LoopSpace;
            var rowTop = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                rowTop[r] = y;
                y += rowHeight[r] + RowGap;
            }
            foreach (var n in _nodes.Values)
            {
                n.X = _layerX[n.Layer];
                n.Y = rowTop[n.Row] + (rowHeight[n.Row] - n.Height) / 2; // centred: nodes of a row share their middle
            }
            foreach (var n in _nodes.Values)
            {
                var offsets = PortOffsets(n);
                for (var i = 0; i < n.Out.Count; i++) n.Out[i].PortY = n.Y + n.Height / 2 + offsets[i];
            }
        }

        /// <summary>The edges with a vertical run in the gap after <paramref name="layer"/> (-1: the left margin), in a fixed order.</summary>
        private List<RawEdge> Channels(int layer) =>
            [.. _edges.Where(e => e.From.Layer == layer || (!e.Straight && e.To.Layer - 1 == layer))
                .OrderBy(e => e.From.Layer == layer ? 0 : 1).ThenBy(e => e.From.Row).ThenBy(e => e.Port)];

        private double ChannelX(int layer, RawEdge edge)
        {
            var index = Channels(layer).IndexOf(edge);
            if (layer < 0) return Margin + Channel * (index + 1);
            return _gapStart[layer] + 8 + _labelWidth[layer] + 8 + Channel * index;
        }

        private void Route()
        {
            int above = 0, below = 0;
            foreach (var e in _edges)
            {
                var start = new FlowPoint(e.From.X + e.From.Width, e.PortY);
                var targetY = e.To.Y + e.To.Height / 2;
                var end = new FlowPoint(e.To.X, targetY);
                var out1 = ChannelX(e.From.Layer, e);
                e.Points.Add(start);
                if (e.Straight)
                {
                    if (Math.Abs(start.Y - targetY) > 0.5)
                    {
                        e.Points.Add(new(out1, start.Y));
                        e.Points.Add(new(out1, targetY));
                    }
                }
                else
                {
                    // Along a lane above or below the columns it passes, whichever is the shorter way round.
                    var (lo, hi) = e.To.Layer > e.From.Layer ? (e.From.Layer + 1, e.To.Layer - 1) : (e.To.Layer, e.From.Layer);
                    var passed = _nodes.Values.Where(n => n.Layer >= lo && n.Layer <= hi).ToList();
                    var top = passed.Select(n => n.Top).DefaultIfEmpty(Math.Min(start.Y, targetY)).Min();
                    var bottom = passed.Select(n => n.Y + n.Height).DefaultIfEmpty(Math.Max(start.Y, targetY)).Max();
                    var up = top - 12 - Channel * above;
                    var down = bottom + 12 + Channel * below;
                    var goUp = Math.Abs(start.Y - up) + Math.Abs(up - targetY) < Math.Abs(start.Y - down) + Math.Abs(down - targetY);
                    var lane = goUp ? up : down;
                    if (goUp) above++; else below++;
                    var in1 = ChannelX(e.To.Layer - 1, e);
                    e.Points.Add(new(out1, start.Y));
                    e.Points.Add(new(out1, lane));
                    e.Points.Add(new(in1, lane));
                    e.Points.Add(new(in1, targetY));
                }
                e.Points.Add(end);
            }
        }

        /// <summary>Final coordinates, shifted so the drawing starts at the margin and the size fits the content.</summary>
        private FlowDiagramLayout Project()
        {
            var labelLines = _edges.ToDictionary(e => e, Labels);
            var xs = _nodes.Values.SelectMany(n => new[] { n.X, n.X + n.Width })
                .Concat(_edges.SelectMany(e => e.Points.Select(p => p.X)))
                .Concat(labelLines.Values.SelectMany(ls => ls.Select(l => l.X + TextWidth(l.Text, LabelSize))));
            var ys = _nodes.Values.SelectMany(n => new[] { n.Top, n.Y + n.Height })
                .Concat(_edges.SelectMany(e => e.Points.Select(p => p.Y)))
                .Concat(labelLines.Values.SelectMany(ls => ls.Select(l => l.Y - LabelSize)));
            var xList = xs.ToList();
            var yList = ys.ToList();
            double dx = Margin - Math.Min(Margin, xList.Min()), dy = Margin - yList.Min();
            var width = Math.Ceiling(xList.Max() + dx + Margin);
            var height = Math.Ceiling(yList.Max() + dy + Margin);

            FlowTextLine Shift(FlowTextLine l) => l with { X = l.X + dx, Y = l.Y + dy };
            var nodes = Ordered().Select(n => new FlowNode(n.Key, n.Kind, n.Layer, n.Row, n.X + dx, n.Y + dy, n.Width, n.Height,
                [.. NodeLines(n).Select(Shift)], n.Step)).ToList();
            var edges = _edges.Select(e => new FlowEdge(e.From.Key, e.To.Key, e.Label, e.Kind,
                [.. e.Points.Select(p => new FlowPoint(p.X + dx, p.Y + dy))], [.. labelLines[e].Select(Shift)])).ToList();
            return new FlowDiagramLayout(flow, width, height, nodes, edges);
        }

        private static IEnumerable<FlowTextLine> NodeLines(RawNode n)
        {
            if (n.Step is null)
            {
                var (text, kind) = n.Text[0];
                yield return new FlowTextLine(text, kind, n.X + n.Width / 2, n.Y + n.Height / 2 + FontSize(kind) * 0.36);
                yield break;
            }
            var y = n.Y + Pad;
            foreach (var (text, kind) in n.Text)
            {
                var size = FontSize(kind);
                y += size;
                yield return new FlowTextLine(text, kind, n.X + Pad, y - size * 0.12);
                y += LineGap;
            }
        }

        /// <summary>A route's label sits just right of the node, its last line above the route's first run.</summary>
        private static IReadOnlyList<FlowTextLine> Labels(RawEdge e)
        {
            var x = e.From.X + e.From.Width + 8;
            var count = e.LabelLines.Count;
            return [.. e.LabelLines.Select((t, i) => new FlowTextLine(t, FlowLineKind.Label, x, e.PortY - 4 - (count - 1 - i) * (LabelSize + 2)))];
        }

        private IEnumerable<RawNode> Ordered() => _nodes.Values.OrderBy(n => n.Order);
    }
}
