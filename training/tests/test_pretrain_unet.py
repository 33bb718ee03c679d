"""The denoising objective that gives the compact U-Net its generative prior."""
import torch

from training.models.unet import SD15_UNET_CONFIG, UNet2DCondition
from training.recipes.pretrain_unet import denoising_loss, scaled_linear_alphas_cumprod

from .test_teacher_models import TINY_UNET


def test_schedule_is_stable_diffusions():
    a = scaled_linear_alphas_cumprod()
    assert len(a) == 1000 and torch.all(a[1:] < a[:-1])
    assert abs(float(a[0]) - (1 - 0.00085)) < 1e-7 and abs(float(a[-1]) - 0.0047) < 1e-4


def test_a_few_denoising_steps_lower_the_loss_on_a_fixed_batch():
    torch.manual_seed(0)
    unet = UNet2DCondition({**SD15_UNET_CONFIG, **TINY_UNET, "in_channels": 4, "out_channels": 4})
    latents, context = torch.randn(4, 4, 8, 8), torch.randn(4, 3, 12)
    optimizer = torch.optim.Adam(unet.parameters(), lr=1e-3)
    losses = []
    for _ in range(15):
        loss = denoising_loss(unet, context, latents, scaled_linear_alphas_cumprod(), torch.Generator().manual_seed(1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    assert losses[-1] < 0.8 * losses[0]
