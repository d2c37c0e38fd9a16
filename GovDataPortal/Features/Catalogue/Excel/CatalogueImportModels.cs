namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>How much a problem of an import matters.</summary>
public enum ImportSeverity
{
    /// <summary>错误: the file cannot be imported until it is fixed.</summary>
    Error = 1,
    /// <summary>提交前须修正: the draft may be saved, but the entry cannot be submitted like this (the full rules).</summary>
    BeforeSubmit = 2,
    /// <summary>提示: worth knowing, changes nothing.</summary>
    Notice = 3,
}

/// <summary>
/// One problem of an import at (工作表, 行, 列): <see cref="Row"/> is the sheet's row number as Excel shows it (null for
/// the file as a whole), <see cref="Column"/> its column letter and <see cref="Header"/> that column's header (null for
/// the row as a whole).
/// </summary>
public sealed record CatalogueImportProblem(string? Sheet, int? Row, string? Column, string? Header, string Message, ImportSeverity Severity)
{
    public string SeverityName => Severity switch
    {
        ImportSeverity.Error => "错误",
        ImportSeverity.BeforeSubmit => "提交前须修正",
        _ => "提示",
    };

    /// <summary>"D5" or "第 5 行" or "" — where to look.</summary>
    public string Cell => (Row, Column) switch
    {
        ({ } r, { } c) => $"{c}{r}",
        ({ } r, null) => $"第 {r} 行",
        _ => "",
    };

    public string ColumnText => Column is null ? "" : Header is null ? Column : $"{Column}（{Header}）";
}

/// <summary>A field an import would change in an existing draft.</summary>
public sealed record CatalogueFieldChange(string Field, string Before, string After);

/// <summary>One entry row of an import and what it will do: create a draft, or update the department's draft of the same name.</summary>
public sealed record CatalogueImportRow(int Row, int Key, string Name, int ItemCount, long? ExistingEntryId, IReadOnlyList<CatalogueFieldChange> Changes)
{
    public bool IsUpdate => ExistingEntryId is not null;
}

/// <summary>The dry run's verdict: every problem and every row; nothing was written.</summary>
public sealed record CatalogueImportPreview(IReadOnlyList<CatalogueImportProblem> Problems, IReadOnlyList<CatalogueImportRow> Rows)
{
    public int ErrorCount => Problems.Count(p => p.Severity == ImportSeverity.Error);
    public int BeforeSubmitCount => Problems.Count(p => p.Severity == ImportSeverity.BeforeSubmit);
    public int ItemCount => Rows.Sum(r => r.ItemCount);
    public int CreateCount => Rows.Count(r => !r.IsUpdate);
    public int UpdateCount => Rows.Count(r => r.IsUpdate);
    /// <summary>Only a file without errors and with at least one entry may be imported.</summary>
    public bool CanImport => ErrorCount == 0 && Rows.Count > 0;

    public static CatalogueImportPreview Refused(string message) =>
        new([new CatalogueImportProblem(null, null, null, null, message, ImportSeverity.Error)], []);
}

/// <summary>What the confirmed import did: the saved drafts (none when the preview has errors).</summary>
public sealed record CatalogueImportResult(CatalogueImportPreview Preview, IReadOnlyList<long> EntryIds)
{
    public bool Saved => EntryIds.Count > 0;
}

/// <summary>Progress of a long import: the phase ("读取" / "校验" / "保存") and rows done of the total (0 when not yet known).</summary>
public sealed record CatalogueImportProgress(string Phase, int Done, int Total);
