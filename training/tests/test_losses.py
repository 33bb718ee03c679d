import torch

from training.recipes.losses import degradation_ranking_loss, distillation_loss, pairwise_ranking_loss


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


def test_distillation_loss_is_zero_only_when_the_student_matches_teacher_and_label():
    score, qmap = torch.tensor([0.4, 0.7]), torch.randn(2, 8, 4, 4)
    assert distillation_loss(score, qmap, score, qmap) == 0
    assert distillation_loss(score, qmap, score, qmap + 0.1) > 0
    assert distillation_loss(score, qmap, score, qmap, label=torch.tensor([0.4, 0.9])) > 0


def test_distillation_loss_prefers_labels_and_falls_back_to_the_teacher_score_per_image():
    student = torch.tensor([0.5, 0.5])
    qmap = torch.zeros(2, 8, 4, 4)
    teacher = torch.tensor([0.5, 0.1])
    label = torch.tensor([0.7, float("nan")])  # the second image has no human label
    expected = ((0.5 - 0.7) ** 2 + (0.5 - 0.1) ** 2) / 2
    assert torch.isclose(distillation_loss(student, qmap, teacher, qmap, label=label), torch.tensor(expected))


def test_distillation_loss_trains_the_student_only():
    student_score, student_map = torch.tensor([0.3], requires_grad=True), torch.zeros(1, 8, 2, 2, requires_grad=True)
    teacher_score, teacher_map = torch.tensor([0.6], requires_grad=True), torch.ones(1, 8, 2, 2, requires_grad=True)
    distillation_loss(student_score, student_map, teacher_score, teacher_map, map_weight=2.0).backward()
    assert student_score.grad < 0 and (student_map.grad < 0).all()
    assert teacher_score.grad is None and teacher_map.grad is None


def test_distillation_map_term_ignores_the_scale_both_maps_share():
    student_map, teacher_map = torch.randn(2, 8, 4, 4), torch.randn(2, 8, 4, 4)
    score = torch.tensor([0.5, 0.5])
    small = distillation_loss(score, student_map, score, teacher_map)
    assert torch.isclose(distillation_loss(score, 10 * student_map, score, 10 * teacher_map), small)
    assert small > 0.5  # unrelated maps: about twice the teacher map's variance, relative to it
