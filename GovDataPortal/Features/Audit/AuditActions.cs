namespace GovDataPortal.Features.Audit;

/// <summary>Action keys written to <see cref="AuditRecord.Action"/>, with the Chinese names the log page shows.</summary>
public static class AuditActions
{
    public const string Login = nameof(Login);
    public const string LoginFailed = nameof(LoginFailed);
    public const string LockedOut = nameof(LockedOut);
    public const string Logout = nameof(Logout);
    public const string SessionEnded = nameof(SessionEnded);
    public const string RoleGranted = nameof(RoleGranted);
    public const string RoleRevoked = nameof(RoleRevoked);
    public const string TokenIssued = nameof(TokenIssued);
    public const string TokenRevoked = nameof(TokenRevoked);
    public const string Create = nameof(Create);
    public const string Update = nameof(Update);
    public const string Delete = nameof(Delete);
    public const string Export = nameof(Export);
    public const string AccessRefused = nameof(AccessRefused);
    /// <summary>The auditor searched the log (page, API); exports of the log are <see cref="Export"/> of AuditRecord.</summary>
    public const string AuditSearched = nameof(AuditSearched);
    public const string AuditVerified = nameof(AuditVerified);

    public static readonly IReadOnlyList<string> All =
        [Login, LoginFailed, LockedOut, Logout, SessionEnded, RoleGranted, RoleRevoked, TokenIssued, TokenRevoked, Create, Update, Delete, Export,
         AuditSearched, AuditVerified, AccessRefused];

    public static string DisplayName(string action) => action switch
    {
        Login => "登录",
        LoginFailed => "登录失败",
        LockedOut => "账户锁定",
        Logout => "退出登录",
        SessionEnded => "结束会话",
        RoleGranted => "授予角色",
        RoleRevoked => "撤销角色",
        TokenIssued => "签发访问令牌",
        TokenRevoked => "撤销访问令牌",
        Create => "新增",
        Update => "修改",
        Delete => "删除",
        Export => "导出",
        AccessRefused => "拒绝访问",
        AuditSearched => "查询审计日志",
        AuditVerified => "校验审计日志",
        _ => action,
    };
}

/// <summary>The kinds of object the log names, with the Chinese names the log page and export show.</summary>
public static class AuditEntityTypes
{
    /// <summary>The stored name: the entity class without a generic arity suffix (IdentityUserRole`1 → IdentityUserRole).</summary>
    public static string KeyOf(Type type) => type.Name.Split('`')[0];

    public static string DisplayName(string? entityType) => entityType switch
    {
        null or "" => "",
        "Department" => "部门",
        "Region" => "区域",
        "DataAdministrator" => "数据管理员",
        "PortalUser" => "用户",
        "IdentityUserRole" => "用户角色",
        "PersonalAccessToken" => "访问令牌",
        "UserSession" => "登录会话",
        "AuditRecord" => "审计日志",
        "CalendarDay" => "节假日安排日期",
        "CalendarYear" => "节假日安排年度",
        "FlowInstance" => "流程",
        "FlowTask" => "流程任务",
        "FlowEvent" => "流程记录",
        "DataCheckRequest" => "数据校核",
        "Attachment" => "附件",
        "PolicyProfileVersion" => "政策规则版本",
        "PolicyProfileSetting" => "政策规则设置",
        _ => entityType,
    };
}
