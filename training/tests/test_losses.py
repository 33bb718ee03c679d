import torch

from training.losses import degradation_ranking_loss, pairwise_ranking_loss


def test_ranking_loss_is_zero_only_when_the_order_is_right():
    targets = torch.tensor([0.2, 0.5, 0.8])
    assert pairwise_ranking_loss(torch.tensor([0.1, 0.4, 0.9]), targets) == 0
    assert pairwise_ranking_loss(torch.tensor([0.9, 0.4, 0.1]), targets) > 0


def test_ranking_loss_ignores_near_ties_and_has_gradients():
    scores = torch.tensor([0.3, 0.6], requires_grad=True)
    assert pairwise_ranking_loss(scores, torch.tensor([0.50, 0.51])) == 0
    loss = pairwise_ranking_loss(scores, torch.tensor([0.9, 0.1]))
    loss.backward()
    assert scores.grad[0] < 0 < scores.grad[1]  # pushes the better image up, the worse down


def test_degradation_loss_demands_a_margin_growing_with_level():
    clean = torch.tensor([0.6, 0.6])
    degraded = torch.tensor([0.55, 0.55])
    levels = torch.tensor([1.0, 5.0])
    per_level = [degradation_ranking_loss(clean[i:i + 1], degraded[i:i + 1], levels[i:i + 1]) for i in range(2)]
    assert per_level[0] == 0  # 0.05 below, margin 0.02
    assert per_level[1] > 0  # 0.05 below, margin 0.10
