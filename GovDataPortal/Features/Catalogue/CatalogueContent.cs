namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// What a department writes in a catalogue entry (the guide's core metadata and the local regulations' attributes): the
/// form, the Excel import and the API fill one of these, <see cref="CatalogueRules.Validate"/> judges it, and a draft
/// version takes it (<see cref="CatalogueVersion.Apply"/>). Nullable where the form may still be empty.
/// </summary>
public sealed class CatalogueContent
{
    // 基础信息
    public string? Name { get; set; }
    public string? Summary { get; set; }
    public CatalogueType? CatalogueType { get; set; }
    public int? ResourceClassId { get; set; }
    public string? SourceSystem { get; set; }
    public string? ReferenceStandard { get; set; }
    public string? CollectionBasis { get; set; }
    public ResourceFormat? Format { get; set; }
    public string? FormatDetail { get; set; }
    public DataSubjects DataSubjects { get; set; }

    // 信息项
    public List<CatalogueItemContent> Items { get; set; } = [];

    // 共享属性
    public ShareType? ShareType { get; set; }
    public ShareConditionKinds ShareConditionKinds { get; set; }
    /// <summary>For 仅限指定部门: the departments and the purpose each may use the data for.</summary>
    public string? ShareNamedDepartments { get; set; }
    public string? ShareConditions { get; set; }
    public ShareMethods ShareMethods { get; set; }
    public ShareOperations ShareOperations { get; set; }
    public string? ShareBasis { get; set; }

    // 开放属性
    public OpenType? OpenType { get; set; }
    public string? OpenConditions { get; set; }
    public string? OpenBasis { get; set; }
    public bool Deidentified { get; set; }
    public string? DeidentificationMethod { get; set; }

    // 管理信息
    public UpdateCycle? UpdateCycle { get; set; }
    public SecurityLevel? SecurityLevel { get; set; }
    /// <summary>Resource codes of related entries (关联资源).</summary>
    public List<string> RelatedCodes { get; set; } = [];
    public long? RecordCount { get; set; }

    public CatalogueContent Clone()
    {
        var copy = (CatalogueContent)MemberwiseClone();
        copy.Items = [.. Items.Select(i => i.Clone())];
        copy.RelatedCodes = [.. RelatedCodes];
        return copy;
    }
}

/// <summary>One 信息项 as written.</summary>
public sealed class CatalogueItemContent
{
    public string? Name { get; set; }
    public ItemDataType? DataType { get; set; }
    public int? Length { get; set; }
    public ItemSensitivity Sensitivity { get; set; }
    public string? Description { get; set; }

    public CatalogueItemContent Clone() => (CatalogueItemContent)MemberwiseClone();
}
