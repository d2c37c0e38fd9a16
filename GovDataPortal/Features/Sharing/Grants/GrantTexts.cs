using GovDataPortal.Features.Catalogue;

namespace GovDataPortal.Features.Sharing.Grants;

/// <summary>The grants' Chinese texts.</summary>
public static class GrantTexts
{
    public const string NotFoundMessage = "共享授权不存在。";
    public const string OtherDepartmentGrant = "您无权查看其他部门之间的共享授权。";
    public const string ChangedMessage = "该授权已被他人修改，请刷新后重试。";
    public const string ChangeStatusRefused = "只有数据提供部门的部门审核人可以暂停、恢复或终止授权。";
    public const string RecordUseRefused = "只有使用部门的数据专管员或部门审核人可以登记使用。";
    public const string OtherDepartmentUse = "该授权不属于您的部门，不能登记使用。";
    public const string ReminderTitle = "共享授权即将到期";
    public const string AgreementRefused = "只有数据主管部门审核人可以登记使用协议。";

    public static string Link(long id) => $"sharing/grants/{id}";

    public static string OperationNames(ShareOperations operations) =>
        operations == ShareOperations.None ? "—"
            : string.Join("、", Enum.GetValues<ShareOperations>().Where(o => o != ShareOperations.None && operations.HasFlag(o)).Select(OperationName));

    public static string OperationName(ShareOperations o) => o switch
    {
        ShareOperations.View => "查阅",
        ShareOperations.Compare => "比对",
        ShareOperations.Obtain => "获取",
        _ => o.ToString(),
    };

    public static string MethodNames(ShareMethods methods) =>
        methods == ShareMethods.None ? "—"
            : string.Join("、", Enum.GetValues<ShareMethods>().Where(m => m != ShareMethods.None && methods.HasFlag(m)).Select(CatalogueTexts.Name));

    public static string StatusChangeTitle(GrantStatus to) => to switch
    {
        GrantStatus.Suspended => "共享授权已暂停",
        GrantStatus.Active => "共享授权已恢复",
        GrantStatus.Ended => "共享授权已终止",
        _ => "共享授权状态变更",
    };

    public static string StatusChangeBody(ShareGrant g, string provider, string requester) => g.Status switch
    {
        GrantStatus.Suspended => $"{provider}暂停了{requester}对“{g.ResourceName}”的共享授权（截止{g.EndDate:yyyy-MM-dd}）。理由：{g.StatusReason}",
        GrantStatus.Ended => $"{provider}终止了{requester}对“{g.ResourceName}”的共享授权。理由：{g.StatusReason}",
        _ => $"{provider}恢复了{requester}对“{g.ResourceName}”的共享授权，截止日期{g.EndDate:yyyy-MM-dd}。",
    };

    public static string ReminderBody(ShareGrant g, string provider, int workingDays) =>
        $"本部门使用的“{g.ResourceName}”（{provider}提供）共享授权将于{g.EndDate:yyyy年M月d日}到期（还有{workingDays}个工作日），" +
        "到期后将不能继续使用；如仍需使用，请及时重新提出共享申请。";

    public static string MethodName(ShareMethods m) => CatalogueTexts.Name(m);
}
