namespace GovDataPortal.Features.Policies;

/// <summary>A pointer to the article of a local regulation that a rule comes from.</summary>
public sealed record Citation(Jurisdiction Jurisdiction, string Article)
{
    public string DocumentTitle => Regulations.Title(Jurisdiction);
    public string DocumentNumber => Regulations.Number(Jurisdiction);

    /// <summary>
    /// The article is another jurisdiction's, followed by analogy because the profile's own regulation says nothing
    /// on the matter: shown as "参照《…》第N条", never as if it were the local rule.
    /// </summary>
    public bool Reference { get; init; }

    /// <summary>A <see cref="Reference"/> citation: "参照《…》（…）第N条".</summary>
    public static Citation ReferTo(Jurisdiction jurisdiction, string article) => new(jurisdiction, article) { Reference = true };

    /// <summary>"依据《…》（…号）第二十六条" — the line shown next to a rule in the UI; "参照《…》…" for a reference.</summary>
    public override string ToString()
    {
        var verb = Reference ? "参照" : "依据";
        return string.IsNullOrEmpty(DocumentNumber)
            ? $"{verb}《{DocumentTitle}》{Article}"
            : $"{verb}《{DocumentTitle}》（{DocumentNumber}）{Article}";
    }
}

/// <summary>
/// The articles behind duties that run through the whole portal rather than one flow (issue 8 item 8). Each profile
/// names its own article where its regulation has one, otherwise a <see cref="Citation.Reference"/> to the regulation
/// that does — so a 双牌县 portal never presents 《龙岩市…》 as its own law.
/// </summary>
public sealed record DutyCitations(
    IReadOnlyList<Citation> DataAdministrators,
    IReadOnlyList<Citation> LogRetention,
    IReadOnlyList<Citation> SeparationOfDuties)
{
    /// <summary>The citations of one duty as one line, "依据…；参照…".</summary>
    public static string Text(IReadOnlyList<Citation> citations) => string.Join("；", citations);

    public string DataAdministratorsText => Text(DataAdministrators);
    public string LogRetentionText => Text(LogRetention);
    public string SeparationOfDutiesText => Text(SeparationOfDuties);
}
