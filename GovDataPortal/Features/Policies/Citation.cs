namespace GovDataPortal.Features.Policies;

/// <summary>A pointer to the article of a local regulation that a rule comes from.</summary>
public sealed record Citation(Jurisdiction Jurisdiction, string Article)
{
    public string DocumentTitle => Regulations.Title(Jurisdiction);
    public string DocumentNumber => Regulations.Number(Jurisdiction);

    /// <summary>"依据《…》（…号）第二十六条" — the line shown next to a rule in the UI.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(DocumentNumber)
            ? $"依据《{DocumentTitle}》{Article}"
            : $"依据《{DocumentTitle}》（{DocumentNumber}）{Article}";
}

/// <summary>Citations of the articles the foundation (issue 2) relies on.</summary>
public static class FoundationCitations
{
    /// <summary>Each unit names its data specialist / administrator (龙岩 Art. 5, Art. 26).</summary>
    public static readonly Citation DataAdministratorRegistration = new(Jurisdiction.Longyan, "第五条、第二十六条");

    /// <summary>Operation logs kept at least six months (龙岩 Art. 24).</summary>
    public static readonly Citation LogRetention = new(Jurisdiction.Longyan, "第二十四条");

    /// <summary>Security administration, data operation and audit by different people (佛山 Art. 42).</summary>
    public static readonly Citation SeparationOfDuties = new(Jurisdiction.Foshan, "第四十二条");
}
