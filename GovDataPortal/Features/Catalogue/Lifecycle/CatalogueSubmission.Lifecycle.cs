using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>A batch's life: opened at submission, closed when its flow ends (published, all returned, or withdrawn).</summary>
public partial class CatalogueSubmission
{
    internal static CatalogueSubmission Open(int departmentId, string userId, int entryCount, DateTimeOffset at)
    {
        if (entryCount < 1) throw new DomainException("请选择要提交审核的目录条目。");
        return new CatalogueSubmission
        {
            DepartmentId = departmentId, SubmittedByUserId = userId, SubmittedAt = at, Status = SubmissionStatus.Open, EntryCount = entryCount,
        };
    }

    internal void AttachFlow(long instanceId)
    {
        if (FlowInstanceId is not null) throw new DomainException("该批次已在审核流程中。");
        FlowInstanceId = instanceId;
    }

    internal void Close(DateTimeOffset at)
    {
        if (Status == SubmissionStatus.Closed) return;
        Status = SubmissionStatus.Closed;
        ClosedAt = at;
    }

    /// <summary>"目录审核：户籍人口基本信息等3条" — the flow's subject title in 我的待办.</summary>
    public static string Title(IReadOnlyList<string> names) =>
        names.Count == 1 ? $"目录审核：{names[0]}" : $"目录审核：{names[0]}等{names.Count}条";
}

public partial class CatalogueReviewComment
{
    public const int FieldMaxLength = 64;

    /// <summary>
    /// A reviewer's comment on a returned version: on <paramref name="field"/> (a <see cref="CatalogueContent"/> key,
    /// "Items[2].DataType") so the form shows it beside that field, or on the whole entry when null.
    /// </summary>
    public static CatalogueReviewComment For(long versionId, string? field, string? text, string stepName, string userId, DateTimeOffset at)
    {
        var errors = new ValidationErrors().Require(nameof(Text), text, "审核意见", TextMaxLength);
        var key = InputText.NullIfBlank(field);
        if (key is not null && (key.Length > FieldMaxLength || !CatalogueFieldLabels.IsKnown(key)))
            errors.Add(nameof(Field), $"审核意见所指的字段“{key}”不存在。");
        errors.ThrowIfInvalid();
        return new CatalogueReviewComment
        {
            VersionId = versionId, Field = key, Text = InputText.Normalise(text)!, StepName = stepName, ByUserId = userId, At = at,
        };
    }
}
