"""Loading the teachers' pre-trained parts: diffusers checkpoints by name, TAEF2 strictly, prompt embeddings."""
import pytest
import torch

from training.models.diffusers_weights import load_diffusers_weights
from training.models.prompts import load_prompt_embeddings, mean_pool_tokens, quality_prompts
from training.models.registry import create_model
from training.models.sd_vae import SD15_VAE_CONFIG, SDVAEEncoder
from training.models.taef2 import TAEF2Encoder
from training.models.unet import SD15_UNET_CONFIG, UNet2DCondition
from training.paths import PRETRAINED_DIR

from .test_teacher_models import TINY_SD15, TINY_UNET

TAEF2 = PRETRAINED_DIR / "taef2_encoder.pth"
TINY_VAE = {**SD15_VAE_CONFIG, "block_out_channels": [8, 8, 16, 16], "norm_num_groups": 4}


def fake_checkpoint(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    """What a user's diffusers file holds: the module's names, other values."""
    return {k: torch.randn_like(v) for k, v in module.state_dict().items()}


def test_a_diffusers_unet_checkpoint_loads_every_tensor():
    unet = UNet2DCondition({**SD15_UNET_CONFIG, **TINY_UNET})
    checkpoint = fake_checkpoint(unet)
    assert "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight" in checkpoint
    load_diffusers_weights(unet, checkpoint, "unet.bin")
    assert all(torch.equal(v, checkpoint[k]) for k, v in unet.state_dict().items())


def test_the_loader_names_every_missing_and_mismatched_tensor():
    unet = UNet2DCondition({**SD15_UNET_CONFIG, **TINY_UNET})
    checkpoint = fake_checkpoint(unet)
    del checkpoint["mid_block.attentions.0.proj_in.weight"]
    checkpoint["conv_in.weight"] = torch.zeros(8, 4, 1, 1)
    checkpoint["lora.down.weight"] = torch.zeros(1)
    before = unet.conv_out.weight.clone()
    with pytest.raises(ValueError) as error:
        load_diffusers_weights(unet, checkpoint, "unet.bin")
    message = str(error.value)
    assert "missing (1):\n  mid_block.attentions.0.proj_in.weight" in message
    assert "conv_in.weight: checkpoint (8, 4, 1, 1), model (8, 4, 3, 3)" in message
    assert "unexpected (1):\n  lora.down.weight" in message
    assert torch.equal(unet.conv_out.weight, before)  # nothing half-loaded


def test_a_full_autoencoder_checkpoint_with_legacy_attention_names_loads_into_the_encoder():
    vae = SDVAEEncoder(TINY_VAE)
    checkpoint = fake_checkpoint(vae)
    for new, old in (("to_q", "query"), ("to_k", "key"), ("to_v", "value"), ("to_out.0", "proj_attn")):
        for kind in ("weight", "bias"):
            checkpoint[f"encoder.mid_block.attentions.0.{old}.{kind}"] = checkpoint.pop(
                f"encoder.mid_block.attentions.0.{new}.{kind}")
    checkpoint["decoder.conv_in.weight"] = torch.zeros(3)  # the decoder half of AutoencoderKL is not used
    load_diffusers_weights(vae, checkpoint, "vae.bin", ignored_prefixes=("decoder.", "post_quant_conv."))
    assert torch.equal(vae.encoder.mid_block.attentions[0].to_q.weight,
                       checkpoint["encoder.mid_block.attentions.0.query.weight"])


def test_sd15_teacher_loads_user_weights_from_the_config(tmp_path):
    donor = create_model("dpiqa_teacher_sd15", pretrained=False, **TINY_SD15)
    torch.save(fake_checkpoint(donor.unet), tmp_path / "unet.bin")
    torch.save(fake_checkpoint(donor.encoder), tmp_path / "vae.bin")
    torch.save({"prompts": quality_prompts(), "embeddings": torch.randn(1530, 12)}, tmp_path / "prompts.pt")
    model = create_model("dpiqa_teacher_sd15", **{
        **TINY_SD15, "unet": {**TINY_UNET, "weights": str(tmp_path / "unet.bin")},
        "encoder": {**TINY_SD15["encoder"], "weights": str(tmp_path / "vae.bin")},
        "prompts": {"dim": 12, "embeddings": str(tmp_path / "prompts.pt")}})
    assert torch.equal(model.unet.conv_in.weight, torch.load(tmp_path / "unet.bin")["conv_in.weight"])
    assert torch.equal(model.condition.embeddings, torch.load(tmp_path / "prompts.pt")["embeddings"])


def test_quality_prompts_cover_every_combination_of_the_template():
    prompts = quality_prompts()
    assert len(prompts) == len(set(prompts)) == 9 * 34 * 5
    assert "a photo of a night with realistic blur artifacts, which is of bad quality" in prompts


def test_sentence_embedding_averages_real_tokens_only():
    hidden = torch.tensor([[[1.0, 1.0], [3.0, 5.0], [100.0, 100.0]]])
    assert torch.equal(mean_pool_tokens(hidden, torch.tensor([[1, 1, 0]])), torch.tensor([[2.0, 3.0]]))


def test_an_embedding_file_of_other_prompts_is_refused(tmp_path):
    path = tmp_path / "prompts.pt"
    torch.save({"prompts": quality_prompts("a {scene} {distortion} {quality}"), "embeddings": torch.zeros(1530, 4)},
               path)
    with pytest.raises(ValueError, match="not this template"):
        load_prompt_embeddings(path, "a photo of a {scene} with {distortion} artifacts, which is of {quality} quality", 4)


@pytest.mark.skipif(not TAEF2.exists(), reason=f"{TAEF2} not available")
def test_taef2_encoder_loads_strictly_and_encodes_at_one_eighth():
    encoder = TAEF2Encoder(TAEF2, scaling_factor=1.0).eval()
    assert len(encoder.layers.state_dict()) == len(torch.load(TAEF2))
    assert not any(p.requires_grad for p in encoder.parameters())
    with torch.no_grad():
        flat, textured = torch.full((1, 3, 64, 64), 0.5), torch.rand(1, 3, 64, 64)
        latents = encoder(torch.cat([flat, textured]))
    assert latents.shape == (2, 32, 8, 8)
    assert latents[0].std() < latents[1].std()  # a flat grey image has a flat latent, noise does not


@pytest.mark.skipif(not TAEF2.exists(), reason=f"{TAEF2} not available")
def test_taef2_refuses_a_state_dict_of_another_layout(tmp_path):
    state = torch.load(TAEF2)
    del state["11.pool.1.weight"]
    torch.save(state, tmp_path / "enc.pth")
    with pytest.raises(RuntimeError, match="11.pool.1.weight"):
        TAEF2Encoder(tmp_path / "enc.pth", 1.0)


@pytest.mark.skipif(not TAEF2.exists(), reason=f"{TAEF2} not available")
def test_compact_teacher_with_its_pretrained_parts_honours_the_contract_when_scripted():
    model = create_model("dpiqa_teacher_compact").eval()
    x = torch.rand(2, 3, 128, 128)
    with torch.no_grad():
        score, qmap = torch.jit.script(model)(x)
    assert score.shape == (2,) and qmap.shape == (2, 8, 64, 64) and ((score > 0) & (score < 1)).all()


@pytest.mark.skipif(not TAEF2.exists(), reason=f"{TAEF2} not available")
def test_compact_image_adapter_starts_from_a_trained_students_backbone(tmp_path):
    student = create_model("dpiqa_student_mobilenetv2", pretrained=False)
    torch.save(student.state_dict(), tmp_path / "best.pt")
    teacher = create_model("dpiqa_teacher_compact", image_adapter={"student_checkpoint": str(tmp_path / "best.pt")})
    assert torch.equal(teacher.image_adapter.stem[0][1].weight, student.backbone.features[0][1].weight)
    assert torch.equal(teacher.image_adapter.stages[-1][-1].block[-1][0].weight,
                       student.backbone.features[17].block[-1][0].weight)
    torch.save({"backbone.conv_stem.weight": torch.zeros(1)}, tmp_path / "other.pt")  # another architecture
    with pytest.raises(ValueError, match="not a MobileNetV2 student checkpoint"):
        create_model("dpiqa_teacher_compact", image_adapter={"student_checkpoint": str(tmp_path / "other.pt")})
