"""The DP-IQA teachers: the model contract on tiny instances of the same code, the full-size SD1.5 structure
built on the meta device (no weights allocated), and the parts each teacher is made of."""
import pytest
import torch

from training.models.adapters import MobileNetV2ImageAdapter, PromptCondition, TextAdapter, UnshuffleImageAdapter
from training.models.meta import OnMetaDevice
from training.models.mobilenetv2 import MobileNetV2
from training.models.qfd import QualityFeatureDecoder
from training.models.registry import create_model, get_config, list_models
from training.models.unet import SD15_UNET_CONFIG, UNet2DCondition

TINY_UNET = {"block_out_channels": [8, 16, 16, 16], "attention_head_dim": 2, "cross_attention_dim": 12,
             "norm_num_groups": 4}
TINY_SD15 = {"unet": TINY_UNET,
             "encoder": {"block_out_channels": [8, 8, 16, 16], "norm_num_groups": 4},
             "prompts": {"dim": 12},
             "text_adapter": {"hidden": 12},
             "qfd": {"tap_channels": 8, "reduction": [8, 8], "mlp_hidden": [8]}}


def tiny_sd15(**overrides):
    return create_model("dpiqa_teacher_sd15", pretrained=False, **{**TINY_SD15, **overrides})


def test_registry_has_both_teachers_as_teachers():
    for name in ("dpiqa_teacher_sd15", "dpiqa_teacher_compact"):
        assert name in list_models() and get_config(name)["role"] == "teacher"


def test_tiny_sd15_teacher_honours_the_output_contract_when_scripted():
    model = tiny_sd15().eval()
    x = torch.rand(2, 3, 64, 64)
    with torch.no_grad():
        score, qmap = torch.jit.script(model)(x)
        eager_score, _ = model(x)
    assert score.shape == (2,) and qmap.shape == (2, 8, 64, 64)
    assert ((score >= 0) & (score <= 1)).all() and torch.isfinite(qmap).all()
    assert torch.allclose(score, eager_score, atol=1e-6)


def test_training_the_teacher_leaves_the_encoder_frozen_and_reaches_unet_adapters_and_decoder():
    model = tiny_sd15().train()
    score, qmap = model(torch.rand(2, 3, 64, 64))
    (score.sum() + qmap.mean()).backward()
    assert all(p.grad is None and not p.requires_grad for p in model.encoder.parameters())
    for part in (model.unet.conv_in, model.condition.text_adapter, model.decoder):
        assert all(p.grad is not None for p in part.parameters())
    # The adapters' output projections start at zero; their gradient is what lets them grow.
    assert any(p.grad.abs().sum() > 0 for p in model.image_adapter.projections.parameters())


def test_unet_returns_four_up_block_features_coarse_to_fine():
    unet = UNet2DCondition({**SD15_UNET_CONFIG, **TINY_UNET})
    features = unet.up_features(torch.randn(1, 4, 16, 16), torch.ones(1), torch.randn(1, 5, 12))
    assert [tuple(f.shape[1:]) for f in features] == [(16, 4, 4), (16, 8, 8), (16, 16, 16), (8, 16, 16)]
    assert unet(torch.randn(1, 4, 16, 16), torch.ones(1), torch.randn(1, 5, 12)).shape == (1, 4, 16, 16)


@pytest.fixture(scope="module")
def sd15_on_meta():
    with OnMetaDevice():
        return create_model("dpiqa_teacher_sd15", pretrained=False)


def test_full_size_unet_is_sd15s_without_allocating_it(sd15_on_meta):
    unet = sd15_on_meta.unet
    assert all(p.device.type == "meta" for p in unet.parameters())
    assert sum(p.numel() for p in unet.parameters()) == 859_520_964  # diffusers' SD1.5 UNet2DConditionModel
    state = unet.state_dict()
    assert len(state) == 686
    for key, shape in {  # names and shapes of the published SD1.5 unet/diffusion_pytorch_model.bin
            "conv_in.weight": (320, 4, 3, 3),
            "time_embedding.linear_1.weight": (1280, 320),
            "down_blocks.0.resnets.0.time_emb_proj.weight": (320, 1280),
            "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.weight": (320, 320),
            "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight": (320, 768),
            "down_blocks.0.attentions.0.transformer_blocks.0.ff.net.0.proj.weight": (2560, 320),
            "down_blocks.0.downsamplers.0.conv.weight": (320, 320, 3, 3),
            "down_blocks.1.resnets.0.conv_shortcut.weight": (640, 320, 1, 1),
            "down_blocks.3.resnets.1.conv2.weight": (1280, 1280, 3, 3),
            "mid_block.attentions.0.proj_in.weight": (1280, 1280, 1, 1),
            "up_blocks.0.resnets.0.conv1.weight": (1280, 2560, 3, 3),
            "up_blocks.0.upsamplers.0.conv.weight": (1280, 1280, 3, 3),
            "up_blocks.1.resnets.2.conv1.weight": (1280, 1920, 3, 3),
            "up_blocks.3.resnets.0.conv1.weight": (320, 960, 3, 3),
            "up_blocks.3.attentions.2.proj_out.weight": (320, 320, 1, 1),
            "conv_norm_out.weight": (320,),
            "conv_out.weight": (4, 320, 3, 3)}.items():
        assert tuple(state[key].shape) == shape, key


def test_full_size_vae_encoder_has_sd15s_names(sd15_on_meta):
    state = sd15_on_meta.encoder.state_dict()
    assert sum(v.numel() for v in state.values()) == 34_163_664  # AutoencoderKL encoder + quant_conv
    for key, shape in {"encoder.conv_in.weight": (128, 3, 3, 3),
                       "encoder.down_blocks.1.resnets.0.conv_shortcut.weight": (256, 128, 1, 1),
                       "encoder.down_blocks.2.downsamplers.0.conv.weight": (512, 512, 3, 3),
                       "encoder.mid_block.attentions.0.to_q.weight": (512, 512),
                       "encoder.mid_block.attentions.0.group_norm.weight": (512,),
                       "encoder.conv_out.weight": (8, 512, 3, 3),
                       "quant_conv.weight": (8, 8, 1, 1)}.items():
        assert tuple(state[key].shape) == shape, key


def test_full_size_teacher_taps_the_papers_feature_shapes_on_meta(sd15_on_meta):
    x = torch.empty(1, 3, 512, 512, device="meta")
    latent = sd15_on_meta.encoder(x)
    assert latent.shape == (1, 4, 64, 64)
    context = sd15_on_meta.condition(1)
    assert context.shape == (1, 1530, 768)
    adapter = sd15_on_meta.image_adapter(x)
    assert [tuple(a.shape[1:]) for a in adapter] == [(320, 64, 64), (640, 32, 32), (1280, 16, 16), (1280, 8, 8)]
    features = sd15_on_meta.unet.up_features(latent, torch.ones(1, device="meta"), context, adapter)
    assert [tuple(f.shape[1:]) for f in features] == [(1280, 16, 16), (1280, 32, 32), (640, 64, 64), (320, 64, 64)]
    score, qmap = sd15_on_meta.decoder(features)
    assert score.shape == (1,) and qmap.shape == (1, 8, 64, 64)


def test_meta_construction_counts_what_real_construction_allocates():
    with OnMetaDevice():
        on_meta = tiny_sd15()
    real = tiny_sd15()
    assert sum(p.numel() for p in on_meta.parameters()) == sum(p.numel() for p in real.parameters())
    assert {p.device.type for p in on_meta.parameters()} == {"meta"}


def test_text_adapter_starts_near_identity_with_a_per_channel_gate():
    adapter = TextAdapter(dim=16, hidden=8, gamma_init=1e-4)
    e = torch.randn(5, 16)
    assert adapter.gamma.shape == (16,)
    assert torch.allclose(adapter(e), e, atol=1e-3) and not torch.equal(adapter(e), e)
    adapter.gamma.data[3] = 0.0
    assert torch.equal(adapter(e)[:, 3], e[:, 3])  # each channel has its own gate


def test_prompt_condition_keeps_clip_embeddings_fixed_and_learns_its_own():
    e = torch.randn(7, 16)
    fixed, learned = PromptCondition(e, False, 8, 1e-4), PromptCondition(e, True, 8, 1e-4)
    assert "embeddings" not in dict(fixed.named_parameters()) and "embeddings" in dict(learned.named_parameters())
    assert fixed(3).shape == (3, 7, 16)


def test_unshuffle_adapter_matches_each_down_level_and_starts_silent():
    adapter = UnshuffleImageAdapter([8, 16, 16, 16])
    features = adapter(torch.rand(2, 3, 64, 64))
    assert [tuple(f.shape[1:]) for f in features] == [(8, 8, 8), (16, 4, 4), (16, 2, 2), (16, 1, 1)]
    assert all(f.abs().sum() == 0 for f in features)


def test_image_adapter_changes_the_score_once_it_has_learned_something():
    model = tiny_sd15().eval()
    x = torch.rand(2, 3, 64, 64)
    with torch.no_grad():
        before = model(x)[1]
        for projection in model.image_adapter.projections:
            projection.bias.fill_(0.5)
        after = model(x)[1]
    assert not torch.allclose(before, after)


def test_mobilenetv2_adapter_taps_strides_8_to_64_and_can_start_from_cached_stems():
    adapter = MobileNetV2ImageAdapter([8, 16, 16, 16], MobileNetV2()).eval()
    for projection in adapter.projections:
        torch.nn.init.normal_(projection.weight)
    x = torch.rand(1, 3, 128, 128)
    with torch.no_grad():
        features = adapter(x)
        from_stem = adapter.from_stem(adapter.stem(adapter.normalize(x)))
    assert [tuple(f.shape[1:]) for f in features] == [(8, 16, 16), (16, 8, 8), (16, 4, 4), (16, 2, 2)]
    assert all(torch.equal(a, b) for a, b in zip(features, from_stem))


def test_quality_feature_decoder_reads_every_tap():
    qfd = QualityFeatureDecoder([16, 16, 8, 4], tap_channels=4, reduction=[8, 8], mlp_hidden=[8], mlp_grid=4).eval()
    taps = [torch.randn(2, c, s, s) for c, s in ((16, 4), (16, 8), (8, 16), (4, 16))]
    with torch.no_grad():
        score, qmap = qfd(taps)
        for i in range(4):
            changed = list(taps)
            changed[i] = taps[i] + 1.0
            assert not torch.allclose(qfd(changed)[1], qmap), f"tap {i} ignored"
    assert score.shape == (2,) and qmap.shape == (2, 8, 64, 64)


def test_sd15_teacher_refuses_to_pretend_it_has_weights():
    with pytest.raises(ValueError, match="unet.weights"):
        create_model("dpiqa_teacher_sd15", **TINY_SD15)
