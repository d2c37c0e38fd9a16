using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// Requesters without a portal account — a citizen (name, 公民身份号码) or an organisation (name, 统一社会信用代码), with
/// contact details — and what they were told (已告知: method, time, content), for the flows whose rules allow them.
/// </summary>
public sealed class FlowParties(FlowRuntime runtime)
{
    public const int ContentMaxLength = 2000;

    /// <summary>The party cleaned and checked; refused where the flow is for departments only.</summary>
    public FlowParty? Check(FlowRule flow, FlowParty? party)
    {
        if (party is null) return null;
        if (!flow.ExternalRequester) throw new DomainException($"“{flow.Name}”只能由政务部门提出。", "requesterParty");
        var errors = new ValidationErrors();
        var name = InputText.NullIfBlank(party.Name);
        if (name is null) errors.Add("requesterParty.name", party.Kind == FlowPartyKind.Person ? "请填写申请人姓名。" : "请填写单位名称。");
        else if (name.Length > 200) errors.Add("requesterParty.name", "名称不能超过200个字符。");
        var number = party.Kind switch
        {
            FlowPartyKind.Person => CitizenIdNumber.Normalise(party.IdentityNumber),
            FlowPartyKind.Organisation => UnifiedSocialCreditCode.Normalise(party.IdentityNumber),
            _ => throw new DomainException("请选择申请人类型（公民或法人、其他组织）。", "requesterParty.kind"),
        };
        if ((party.Kind == FlowPartyKind.Person ? CitizenIdNumber.Validate(number) : UnifiedSocialCreditCode.Validate(number)) is { } bad)
            errors.Add("requesterParty.identityNumber", bad);
        var phone = InputText.NullIfBlank(party.Phone);
        var email = InputText.NullIfBlank(party.Email);
        if (phone is null && email is null && InputText.NullIfBlank(party.Address) is null)
            errors.Add("requesterParty.phone", "请至少填写一种联系方式（电话、电子邮箱或地址），以便告知处理结果。");
        if (phone is { Length: > 32 }) errors.Add("requesterParty.phone", "联系电话不能超过32个字符。");
        if (email is not null && (email.Length > 200 || !email.Contains('@'))) errors.Add("requesterParty.email", "电子邮箱格式不正确。");
        errors.ThrowIfInvalid();
        return new FlowParty
        {
            Kind = party.Kind, Name = name!, IdentityNumber = number, Phone = phone, Email = email,
            Address = InputText.NullIfBlank(party.Address) is { } a ? a[..Math.Min(a.Length, 300)] : null,
        };
    }

    /// <summary>Records 已告知 for a step that tells the requester its result: how, when and what.</summary>
    public void RecordNotice(PortalDbContext db, FlowTask task, PartyNotice? notice)
    {
        if (notice is null) throw new DomainException("该环节须记录告知方式、告知时间和告知内容。", "notice");
        var content = InputText.NullIfBlank(notice.Content) ?? throw new DomainException("请填写告知内容。", "notice.content");
        if (content.Length > ContentMaxLength) throw new DomainException($"告知内容不能超过{ContentMaxLength}个字符。", "notice.content");
        if (!Enum.IsDefined(notice.Method)) throw new DomainException("请选择告知方式。", "notice.method");
        var instance = task.Instance!;
        if (notice.NotifiedAt > runtime.Now.AddMinutes(5) || notice.NotifiedAt < instance.StartedAt)
            throw new DomainException("告知时间应在受理之后、当前时间之前。", "notice.notifiedAt");
        db.FlowPartyNotices.Add(new FlowPartyNotice
        {
            InstanceId = instance.Id, TaskId = task.Id, Method = notice.Method, NotifiedAt = notice.NotifiedAt, Content = content,
            RecordedByUserId = runtime.Actor.UserId!, RecordedAt = runtime.Now,
        });
        runtime.Record(instance, task, FlowActions.Notified, $"{NoticeMethods.Name(notice.Method)}告知（{ChinaTime.FormatMinutes(notice.NotifiedAt)}）：{content}", task.RuleText);
    }
}

public static class NoticeMethods
{
    public static string Name(NoticeMethod method) => method switch
    {
        NoticeMethod.Phone => "电话",
        NoticeMethod.Sms => "短信",
        NoticeMethod.Email => "电子邮件",
        NoticeMethod.Post => "邮寄",
        NoticeMethod.InPerson => "当面",
        NoticeMethod.Platform => "平台消息",
        _ => method.ToString(),
    };
}
