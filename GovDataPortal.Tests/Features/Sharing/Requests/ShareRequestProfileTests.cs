using GovDataPortal.Features.Sharing;

namespace GovDataPortal.Tests.Features.Sharing.Requests;

/// <summary>hubei Art. 20: the provider answers within 10 working days, silence is consent, a refusal may go to coordination.</summary>
public sealed class HubeiShareRequestTests(HubeiShareRequestFixture portal) : IClassFixture<HubeiShareRequestFixture>
{
    [Fact]
    public async Task Hubei_conditional_request_is_granted_when_the_provider_approves()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.ApproveAsync("chenjing", submitted.Id);
        Assert.Equal(GrantBasis.Approved, Assert.Single(await portal.GrantsOfAsync(submitted.Id)).Basis);
        Assert.Equal(ShareRequestStatus.Granted, (await portal.RequestAsync(submitted.Id)).Status);
    }

    [Fact]
    public async Task Hubei_silence_past_the_deadline_is_deemed_consent_and_grants_exactly_once()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        try
        {
            portal.Clock.Set(ShareRequestFixture.Beijing(2026, 12, 10)); // past 10 working days from Fri 11-20
            await portal.SweepAsync();
            await portal.SweepAsync();
            var grant = Assert.Single(await portal.GrantsOfAsync(submitted.Id));
            Assert.Equal(GrantBasis.DeemedConsent, grant.Basis);
            var request = await portal.RequestAsync(submitted.Id);
            Assert.Equal(ShareRequestStatus.Granted, request.Status);
            Assert.Equal(grant.Id, request.GrantId);
        }
        finally
        {
            portal.Clock.Set(ShareRequestFixture.Start);
        }
    }

    [Fact]
    public async Task Hubei_refusal_then_coordination_ends_in_a_grant()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.DecideAsync("chenjing", submitted.Id, "reject", "涉及商业秘密，不宜共享。");
        Assert.Equal(ShareRequestStatus.InReview, (await portal.RequestAsync(submitted.Id)).Status); // the requester may still ask for coordination
        await portal.DecideAsync("zhangwei", submitted.Id, "coordinate", "履职确需，请协调。");
        await portal.ApproveAsync("zhaomin", submitted.Id, "经协调，同意按最小必要原则共享。");
        Assert.Equal(GrantBasis.Approved, Assert.Single(await portal.GrantsOfAsync(submitted.Id)).Basis);
    }

    [Fact]
    public async Task Hubei_refusal_accepted_by_the_requester_is_refused_with_the_providers_reasons()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.DecideAsync("chenjing", submitted.Id, "reject", "涉及商业秘密，不宜共享。");
        await portal.DecideAsync("zhangwei", submitted.Id, "accept");
        var request = await portal.RequestAsync(submitted.Id);
        Assert.Equal(ShareRequestStatus.Refused, request.Status);
        Assert.Equal("涉及商业秘密，不宜共享。", request.DecisionReason);
        Assert.Empty(await portal.GrantsOfAsync(submitted.Id));
    }
}

/// <summary>changsha Art. 22: the provider replies within 10 working days; silence only reminds.</summary>
public sealed class ChangshaShareRequestTests(ChangshaShareRequestFixture portal) : IClassFixture<ChangshaShareRequestFixture>
{
    [Fact]
    public async Task Changsha_conditional_request_is_granted_when_the_provider_approves()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.ApproveAsync("chenjing", submitted.Id);
        Assert.Equal(ShareRequestStatus.Granted, (await portal.RequestAsync(submitted.Id)).Status);
        Assert.Single(await portal.GrantsOfAsync(submitted.Id));
    }

    [Fact]
    public async Task Changsha_silence_past_the_deadline_reminds_and_grants_nothing()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        try
        {
            portal.Clock.Set(ShareRequestFixture.Beijing(2026, 12, 10));
            await portal.SweepAsync();
            await portal.SweepAsync();
            Assert.Empty(await portal.GrantsOfAsync(submitted.Id));
            Assert.Equal(ShareRequestStatus.InReview, (await portal.RequestAsync(submitted.Id)).Status);
            Assert.Single(await portal.OpenTasksAsync(submitted.Id));
        }
        finally
        {
            portal.Clock.Set(ShareRequestFixture.Start);
        }
    }
}

/// <summary>longyan Art. 12: the city big-data bureau, with the provider, decides within 5 working days.</summary>
public sealed class LongyanShareRequestTests(LongyanShareRequestFixture portal) : IClassFixture<LongyanShareRequestFixture>
{
    [Fact]
    public async Task Longyan_conditional_request_is_granted_when_the_authority_approves()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.ApproveAsync("zhaomin", submitted.Id, "同意，签署政务数据使用协议。");
        Assert.Equal(ShareRequestStatus.Granted, (await portal.RequestAsync(submitted.Id)).Status);
        Assert.Single(await portal.GrantsOfAsync(submitted.Id));
    }

    [Fact]
    public async Task Longyan_silence_past_the_deadline_grants_nothing()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        try
        {
            portal.Clock.Set(ShareRequestFixture.Beijing(2026, 12, 10));
            await portal.SweepAsync();
            Assert.Empty(await portal.GrantsOfAsync(submitted.Id));
            Assert.Equal(ShareRequestStatus.InReview, (await portal.RequestAsync(submitted.Id)).Status);
        }
        finally
        {
            portal.Clock.Set(ShareRequestFixture.Start);
        }
    }
}

/// <summary>foshan Art. 26 (5 working days, coordination) and Art. 28 ¶2 (a matching approved scenario grants directly).</summary>
public sealed class FoshanShareRequestTests(FoshanShareRequestFixture portal) : IClassFixture<FoshanShareRequestFixture>
{
    [Fact]
    public async Task Foshan_conditional_request_is_granted_when_the_provider_approves()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.ApproveAsync("chenjing", submitted.Id);
        Assert.Equal(GrantBasis.Approved, Assert.Single(await portal.GrantsOfAsync(submitted.Id)).Basis);
    }

    [Fact]
    public async Task Foshan_request_matching_an_approved_scenario_is_granted_directly()
    {
        portal.MatchingScenario = 42;
        try
        {
            var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
            Assert.Equal(ShareRequestStatus.Granted, submitted.Status);
            Assert.Equal(GrantBasis.ApplicationScenario, submitted.Basis);
            var request = await portal.RequestAsync(submitted.Id);
            Assert.Equal(42, request.ApplicationScenarioId);
            Assert.Null(request.FlowInstanceId);
            Assert.Single(await portal.GrantsOfAsync(submitted.Id));
        }
        finally
        {
            portal.MatchingScenario = null;
        }
    }

    [Fact]
    public async Task Foshan_silence_past_the_deadline_grants_nothing()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        try
        {
            portal.Clock.Set(ShareRequestFixture.Beijing(2026, 12, 10));
            await portal.SweepAsync();
            Assert.Empty(await portal.GrantsOfAsync(submitted.Id));
            Assert.Equal(ShareRequestStatus.InReview, (await portal.RequestAsync(submitted.Id)).Status);
        }
        finally
        {
            portal.Clock.Set(ShareRequestFixture.Start);
        }
    }
}

/// <summary>Under shuangpai no scenario grants directly: the profile has no such rule, whatever the match says.</summary>
public sealed class ShuangpaiScenarioTests(ShareRequestFixture portal) : IClassFixture<ShareRequestFixture>
{
    [Fact]
    public async Task Shuangpai_ignores_a_matching_scenario_and_starts_the_review()
    {
        portal.MatchingScenario = 7;
        try
        {
            var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
            Assert.Equal(ShareRequestStatus.InReview, submitted.Status);
            Assert.Null((await portal.RequestAsync(submitted.Id)).ApplicationScenarioId);
        }
        finally
        {
            portal.MatchingScenario = null;
        }
    }

    [Fact]
    public async Task Shuangpai_silence_past_the_deadline_grants_nothing()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        try
        {
            portal.Clock.Set(ShareRequestFixture.Beijing(2026, 12, 10));
            await portal.SweepAsync();
            Assert.Empty(await portal.GrantsOfAsync(submitted.Id));
            Assert.Equal(ShareRequestStatus.InReview, (await portal.RequestAsync(submitted.Id)).Status);
        }
        finally
        {
            portal.Clock.Set(ShareRequestFixture.Start);
        }
    }
}
