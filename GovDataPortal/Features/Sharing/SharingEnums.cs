namespace GovDataPortal.Features.Sharing;

/// <summary>What a department asks for (issue 10 §1), by the share type of the entry it names.</summary>
public enum ShareRequestKind
{
    /// <summary>无条件共享: granted at once without the provider's approval (foshan Art. 26 ¶1); still recorded.</summary>
    Unconditional = 1,
    /// <summary>有条件共享申请: reviewed by the flow of the active profile (changsha Art. 22, shuangpai Art. 24, hubei Art. 20, longyan Art. 12, foshan Art. 26).</summary>
    Conditional = 2,
    /// <summary>目录外数据需求 (hubei Art. 22): data not yet in the catalogue; agreement obliges the provider to catalogue it.</summary>
    Uncatalogued = 3,
    /// <summary>不予共享 entries: only a negotiation; an agreement is filed with the authority (shuangpai Art. 24 ¶1 item 3).</summary>
    Negotiation = 4,
}

public enum ShareRequestStatus
{
    /// <summary>Under review by its flow.</summary>
    InReview = 1,
    /// <summary>Approved (by people, deemed, by a scenario, or unconditionally): a grant exists.</summary>
    Granted = 2,
    /// <summary>Agreed without a grant (an uncatalogued request: the provider must catalogue first; a filed negotiation).</summary>
    Agreed = 3,
    /// <summary>Refused with reasons (after any coordination).</summary>
    Refused = 4,
    /// <summary>Taken back by the requester.</summary>
    Withdrawn = 5,
    /// <summary>Its flow was ended by the portal or an administrator without a decision; the requester may apply again.</summary>
    Terminated = 6,
}

/// <summary>How a grant came about (shown on the grant and in its audit).</summary>
public enum GrantBasis
{
    /// <summary>无条件共享 (foshan Art. 26 ¶1).</summary>
    Unconditional = 1,
    /// <summary>Approved by the reviewers of the flow (incl. after coordination).</summary>
    Approved = 2,
    /// <summary>视为同意 on timeout, granted by the platform (hubei Art. 20 ¶3).</summary>
    DeemedConsent = 3,
    /// <summary>Matches an approved application scenario (foshan Art. 28 ¶2).</summary>
    ApplicationScenario = 4,
}

public enum GrantStatus
{
    Active = 1,
    /// <summary>Suspended by the provider for misuse, with a reason (shuangpai Art. 25); may be resumed.</summary>
    Suspended = 2,
    /// <summary>Ended by the provider for misuse, with a reason; final.</summary>
    Ended = 3,
    /// <summary>Past its end date; final (the expiry job sets it; usage is refused from the end date on anyway).</summary>
    Expired = 4,
}
