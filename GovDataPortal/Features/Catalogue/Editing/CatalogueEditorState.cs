using System.Text.RegularExpressions;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue.Editing;

/// <summary>The form's five sections (issue 9 §1).</summary>
public enum EditorSection { Basic, Items, Share, Open, Management }

/// <summary>
/// The form's state shared by its sections: the content being written, the rules' verdict on it and the reviewers'
/// comments. The verdict is <see cref="CatalogueRules.Validate"/> — the server's own rules — re-run a moment after the
/// last change (debounced); the server judges again on save and submit. A section's messages show once it has been
/// changed (or everywhere after a save, or when an existing draft is opened) so a new form does not open in red.
/// </summary>
public sealed partial class CatalogueEditorState
{
    private readonly HashSet<EditorSection> _touched = [];
    private readonly Dictionary<string, List<string>> _serverOnly = new(StringComparer.Ordinal);
    private CancellationTokenSource? _pending;
    private bool _showAll;

    public CatalogueEditorState(CatalogueContent content, CatalogueRuleContext context, IReadOnlyList<EditorComment>? comments = null,
        bool showAll = false)
    {
        Content = content;
        Context = context;
        Comments = comments ?? [];
        _showAll = showAll;
        Errors = CatalogueRules.Validate(content, context);
    }

    public CatalogueContent Content { get; }
    public CatalogueRuleContext Context { get; }
    public Jurisdiction Jurisdiction => Context.Jurisdiction;
    public CatalogueCitations Citations => Context.Citations;
    public IReadOnlyList<EditorComment> Comments { get; }
    public ValidationErrors Errors { get; private set; }
    public bool ReadOnly { get; init; }

    /// <summary>Changed since loaded or last saved (the page asks before leaving).</summary>
    public bool Dirty { get; set; }

    /// <summary>How long after the last change the rules run again; zero runs them at once.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Runs work on the renderer's thread (the page's InvokeAsync); without one, revalidation is immediate.</summary>
    public Func<Func<Task>, Task>? Dispatch { get; set; }

    /// <summary>The rules ran again: components re-render their messages.</summary>
    public event Action? Revalidated;

    /// <summary>A section's field changed: its messages show from now on and the rules run again shortly.</summary>
    public void Changed(EditorSection section)
    {
        Dirty = true;
        _touched.Add(section);
        foreach (var key in _serverOnly.Keys.Where(k => SectionOf(k) == section).ToList()) _serverOnly.Remove(key);
        _pending?.Cancel();
        if (Debounce <= TimeSpan.Zero || Dispatch is null)
        {
            Revalidate();
            return;
        }
        var pending = _pending = new CancellationTokenSource();
        _ = RevalidateLaterAsync(Dispatch, pending.Token);
    }

    private async Task RevalidateLaterAsync(Func<Func<Task>, Task> dispatch, CancellationToken token)
    {
        try
        {
            await Task.Delay(Debounce, token);
            await dispatch(() =>
            {
                if (!token.IsCancellationRequested) Revalidate();
                return Task.CompletedTask;
            });
        }
        catch (OperationCanceledException)
        {
            // a later change re-runs the rules
        }
    }

    /// <summary>Runs the rules now (on the renderer's thread).</summary>
    public void Revalidate()
    {
        Errors = CatalogueRules.Validate(Content, Context);
        foreach (var (field, messages) in _serverOnly)
            foreach (var m in messages.Where(m => Errors.ByField.GetValueOrDefault(field)?.Contains(m) != true))
                Errors.Add(field, m);
        Revalidated?.Invoke();
    }

    /// <summary>
    /// The server's verdict after a save: its messages that the form's rules cannot produce (e.g. a 关联资源 code that is
    /// not a published entry) stay until their section changes; from now on every section shows its messages.
    /// </summary>
    public void ServerJudged(IReadOnlyDictionary<string, List<string>> problems)
    {
        _showAll = true;
        _serverOnly.Clear();
        var own = CatalogueRules.Validate(Content, Context);
        foreach (var (field, messages) in problems)
        {
            var extra = messages.Where(m => own.ByField.GetValueOrDefault(field)?.Contains(m) != true).ToList();
            if (extra.Count > 0) _serverOnly[field] = extra;
        }
        Revalidate();
    }

    /// <summary>Every section shows its messages (after a save or a refused submission).</summary>
    public void ShowAll()
    {
        _showAll = true;
        Revalidated?.Invoke();
    }

    public bool Shows(EditorSection section) => _showAll || _touched.Contains(section);

    /// <summary>The messages shown under <paramref name="field"/> (none until its section shows them).</summary>
    public IReadOnlyList<string> Messages(string field) =>
        Shows(SectionOf(field)) && Errors.ByField.TryGetValue(field, out var list) ? list : [];

    public bool HasMessage(string field) => Messages(field).Count > 0;

    /// <summary>Review comments about <paramref name="field"/>.</summary>
    public IReadOnlyList<EditorComment> CommentsFor(string field) => [.. Comments.Where(c => c.Field == field)];

    /// <summary>Review comments on the whole entry, or on a field the form no longer has (e.g. a removed item): shown at the top.</summary>
    public IReadOnlyList<EditorComment> GeneralComments => [.. Comments.Where(c => c.Field is null || !IsShownField(c.Field))];

    private bool IsShownField(string field)
    {
        var item = ItemFieldPattern().Match(field);
        if (item.Success) return int.Parse(item.Groups[1].Value) < Content.Items.Count;
        return typeof(CatalogueContent).GetProperty(field) is not null;
    }

    [GeneratedRegex(@"^Items\[(\d+)\]\.\w+$")]
    private static partial Regex ItemFieldPattern();

    /// <summary>Problems left in a section (shown in its tab whether or not its messages show yet).</summary>
    public int ProblemCount(EditorSection section) =>
        Errors.ByField.Where(e => SectionOf(e.Key) == section).Sum(e => e.Value.Count);

    public int ProblemCount() => Errors.ByField.Sum(e => e.Value.Count);

    public bool IsComplete => Errors.IsValid;

    /// <summary>
    /// The share of what the rules ask that is met: the fields that apply to this content (a basis only where the share
    /// type needs one, and so on), each met when it has no message, plus any other field with a message.
    /// </summary>
    public int Percent
    {
        get
        {
            var applicable = ApplicableFields().ToHashSet(StringComparer.Ordinal);
            var total = applicable.Count + Errors.ByField.Keys.Count(k => !applicable.Contains(k));
            var met = applicable.Count(f => !Errors.ByField.ContainsKey(f));
            return total == 0 ? 100 : (int)Math.Floor(100.0 * met / total);
        }
    }

    private IEnumerable<string> ApplicableFields()
    {
        var c = Content;
        string[] basic = [nameof(c.Name), nameof(c.Summary), nameof(c.CatalogueType), nameof(c.ResourceClassId), nameof(c.Format)];
        foreach (var f in basic) yield return f;
        yield return nameof(c.Items);
        for (var i = 0; i < c.Items.Count; i++)
        {
            yield return CatalogueRules.ItemField(i, nameof(CatalogueItemContent.Name));
            yield return CatalogueRules.ItemField(i, nameof(CatalogueItemContent.DataType));
        }
        yield return nameof(c.ShareType);
        if (c.ShareType is ShareType.Conditional or ShareType.NotShared) yield return nameof(c.ShareBasis);
        if (c.ShareType == ShareType.Conditional)
        {
            yield return nameof(c.ShareConditionKinds);
            if (c.ShareConditionKinds.HasFlag(ShareConditionKinds.NamedDepartmentsOnly)) yield return nameof(c.ShareNamedDepartments);
            if ((c.ShareConditionKinds & ~ShareConditionKinds.NamedDepartmentsOnly) != 0) yield return nameof(c.ShareConditions);
        }
        if (c.ShareType is ShareType.Unconditional or ShareType.Conditional)
        {
            yield return nameof(c.ShareMethods);
            yield return nameof(c.ShareOperations);
        }
        yield return nameof(c.OpenType);
        if (c.OpenType == OpenType.Conditional) yield return nameof(c.OpenConditions);
        if (c.OpenType == OpenType.NotOpen || (c.OpenType == OpenType.Conditional && Citations.ConditionalOpenBasis is not null))
            yield return nameof(c.OpenBasis);
        if (c.Deidentified) yield return nameof(c.DeidentificationMethod);
        yield return nameof(c.UpdateCycle);
        yield return nameof(c.SecurityLevel);
    }

    /// <summary>The section a field key belongs to ("Items[3].Name" → 信息项).</summary>
    public static EditorSection SectionOf(string field) => field switch
    {
        _ when field.StartsWith(nameof(CatalogueContent.Items), StringComparison.Ordinal) => EditorSection.Items,
        _ when field.StartsWith("Share", StringComparison.Ordinal) => EditorSection.Share,
        _ when field.StartsWith("Open", StringComparison.Ordinal) || field.StartsWith("Deidentif", StringComparison.Ordinal) => EditorSection.Open,
        nameof(CatalogueContent.UpdateCycle) or nameof(CatalogueContent.SecurityLevel) or nameof(CatalogueContent.RelatedCodes)
            or nameof(CatalogueContent.RecordCount) => EditorSection.Management,
        _ => EditorSection.Basic,
    };

    public static string SectionName(EditorSection section) => section switch
    {
        EditorSection.Basic => "基本信息",
        EditorSection.Items => "信息项",
        EditorSection.Share => "共享属性",
        EditorSection.Open => "开放属性",
        EditorSection.Management => "管理信息",
        _ => section.ToString(),
    };

    /// <summary>The article behind the rule that governs <paramref name="field"/>, shown as a caption beside it.</summary>
    public string? Caption(string field) => CatalogueFieldCitations.For(field, Content, Citations);
}

/// <summary>Which rule's article governs each field of the form (the same citations the rule messages carry).</summary>
public static class CatalogueFieldCitations
{
    /// <summary>The item data-type column's key (its rule cites the national guide).</summary>
    public const string ItemDataType = "ItemDataType";

    public static string? For(string field, CatalogueContent c, CatalogueCitations cite) =>
        field == ItemDataType ? CatalogueCitations.Guide : Rule(field, c, cite)?.ToString();

    private static RuleCitation? Rule(string field, CatalogueContent c, CatalogueCitations cite) => field switch
    {
        nameof(c.Name) or nameof(c.Summary) or nameof(c.ResourceClassId) or nameof(c.Format) or nameof(c.UpdateCycle)
            or nameof(c.Items) => cite.EntryContent,
        nameof(c.CatalogueType) => cite.CatalogueKinds,
        nameof(c.DataSubjects) => cite.KeyItems,
        nameof(c.ShareType) => cite.ShareTypes,
        nameof(c.ShareBasis) => c.ShareType == ShareType.Conditional ? cite.ShareBasisConditional : cite.ShareBasisNotShared,
        nameof(c.ShareConditionKinds) or nameof(c.ShareNamedDepartments) or nameof(c.ShareConditions) => cite.ShareConditions,
        nameof(c.ShareMethods) => cite.ShareMethods,
        nameof(c.ShareOperations) => cite.ShareOperations,
        nameof(c.OpenType) => cite.OpenTypes,
        nameof(c.OpenConditions) => cite.OpenConditions,
        nameof(c.OpenBasis) => c.OpenType == OpenType.Conditional && cite.ConditionalOpenBasis is { } conditional ? conditional : cite.OpenBasis,
        nameof(c.Deidentified) or nameof(c.DeidentificationMethod) => cite.Deidentification,
        nameof(c.SecurityLevel) => cite.SecurityLevels,
        _ => null,
    };
}
