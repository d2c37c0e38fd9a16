namespace GovDataPortal.Components.Shared;

/// <summary>Messages shared by several screens.</summary>
public static class UiMessages
{
    /// <summary>
    /// Shown in a dialog when saving failed for a reason nobody foresaw (logged with its details): dialogs render in
    /// MudDialogProvider, outside the page's error boundary, so such an error is caught there and the dialog stays usable.
    /// </summary>
    public const string UnexpectedSaveFailure = "保存失败：系统出现意外错误，请稍后重试。";

    /// <summary>
    /// The same for a form on a page that sends something other than a save (提交, 办理): said next to its button, so
    /// what the person typed stays and the button is usable again.
    /// </summary>
    public const string UnexpectedSubmitFailure = "提交失败：系统出现意外错误，请稍后重试。";

    /// <summary>The same when a dialog could not even load what it shows.</summary>
    public const string UnexpectedLoadFailure = "加载失败：系统出现意外错误，请稍后重试。";

    /// <summary>A part of the shell outside the page (a dialog, the bell) failed unexpectedly; the page itself still works.</summary>
    public const string UnexpectedRegionFailure = "操作未完成：系统出现意外错误，请重试；问题持续时请联系系统管理员。";
}
